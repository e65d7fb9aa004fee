/* main.c — the galley command. */
#include "galley/galley.h"
int main(void) { return 0; }
