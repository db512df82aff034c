/* A stand-in for Windows' bcryptprimitives.dll, for running lofte.exe under Wine 8 only.
 *
 * Rust's standard library (1.78 and later) takes its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10 and 11 have and Wine 8 (Debian 12) lacks, so
 * lofte.exe would not start under it. This DLL gives ProcessPrng from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. It is never shipped: on Windows the
 * system's own DLL is used. Built and placed beside lofte.exe by .ci/windows. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
