/* Uses NSS-backed functions: static glibc links warn that they need the
 * shared libraries of the glibc version used for linking at run time. */
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *host = argc > 1 ? argv[1] : "localhost";
    struct addrinfo hints, *res = NULL;
    int status = 0;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, NULL, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "getaddrinfo: %s\n", gai_strerror(rc));
        status = 1;
    } else {
        puts("getaddrinfo: ok");
        freeaddrinfo(res);
    }
    struct passwd *pw = getpwnam("root");
    if (pw == NULL) {
        fprintf(stderr, "getpwnam: not found\n");
        status = 1;
    } else {
        printf("getpwnam: %s uid=%d\n", pw->pw_name, (int)pw->pw_uid);
    }
    return status;
}
