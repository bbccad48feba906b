#include <stdio.h>
#include "libdemo.h"

int main(void) {
    printf("%d %d\n", demo_old(1), demo_new(2));
    return 0;
}
