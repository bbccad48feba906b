/* Compiled with -c only: an ET_REL object file. */
int relocatable_answer(void) { return 42; }
