/* A stand-in for Windows' bcryptprimitives.dll, for running zonewright under Wine 8 only.
 *
 * Rust's standard library gets its random numbers from ProcessPrng in bcryptprimitives.dll,
 * which every Windows since 10 has and Wine 8 lacks. This DLL exports ProcessPrng, built on
 * RtlGenRandom (SystemFunction036 in advapi32), which Wine has. It is never shipped to
 * Windows users: real Windows has the real DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
