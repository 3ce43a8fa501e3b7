// Empty: CFuzzDriver only declares libFuzzer's LLVMFuzzerRunDriver (include/CFuzzDriver.h).
