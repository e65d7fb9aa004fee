/* meta.c — TODO */
#include "galley/plugin.h"
