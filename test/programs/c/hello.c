#include <stdio.h>

int main(void) {
    puts("hello from elfscope");
    return 0;
}
