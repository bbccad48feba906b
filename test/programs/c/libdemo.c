/* Shared library with two symbol versions (see libdemo.map). */
int demo_old(int x) { return x + 1; }
int demo_new(int x) { return x * 2; }
