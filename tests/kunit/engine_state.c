// SPDX-License-Identifier: GPL-2.0
/* The engine is compiled into the test module, independent of canfw.ko. */
#include "../../kmod/state.c"
