// libFuzzer's entry point for a program that has its own main (Swift's): the fuzz
// executable calls it when built with -sanitize=fuzzer (see fuzz/Sources/bilan-fuzz).
#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
