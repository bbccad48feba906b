#ifndef LIBDEMO_H
#define LIBDEMO_H
int demo_old(int x);
int demo_new(int x);
#endif
