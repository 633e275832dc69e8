/* bcryptprimitives.dll for Wine 8.0, which lacks it; ONLY for the Wine test in .ci, never shipped.
 * Rust's standard library imports ProcessPrng from it; real Windows 10 and 11 have the DLL.
 * This one fills the buffer from RtlGenRandom (SystemFunction036 in advapi32), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
