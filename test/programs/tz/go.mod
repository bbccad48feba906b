module example.com/tz

go 1.19
