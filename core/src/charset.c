/* charset.c — TODO */
#include "galley/plugin.h"
