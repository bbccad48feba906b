module example.com/tlsget

go 1.19
