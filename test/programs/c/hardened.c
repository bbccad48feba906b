/* Built with _FORTIFY_SOURCE=2: the memcpy/sprintf below have sizes only
 * known at run time, so __memcpy_chk / __sprintf_chk get linked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    char buf[64];
    char out[128];
    size_t n = strlen(argv[0]);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, argv[0], n);
    buf[n] = '\0';
    sprintf(out, "%s has %d args", buf, argc);
    puts(out);
    return argc > 100 ? EXIT_FAILURE : EXIT_SUCCESS;
}
