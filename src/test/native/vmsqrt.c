/* LD_PRELOAD shim replacing oneMKL's vmsSqrt, which ATen's sqrt kernel calls through the PLT
 * (at::vml::vsqrt -> vmsSqrt(n, a, r, VML_HA|VML_FTZDAZ_OFF|VML_ERRMODE_IGNORE)).
 *   SQRT_MODE=exact  r = sqrtf(a) (IEEE, correctly rounded)
 *   SQRT_MODE=ex     the algorithm of oneMKL 2024.0's mkl_vml_kernel_sSqrt_EXHAynn (read from its
 *                    disassembly): y = rsqrtps(x); s = x*y; h = 0.5*y; t = 0.5 - s*h;
 *                    s1 = s + s*t; h1 = h + h*t; r = s1 + (x - s1*s1)*h1, SSE, no FMA
 *   SQRT_MODE=ex12   the same with y = 1/sqrt(x) rounded to 12 significant bits instead of this
 *                    CPU's rsqrtps (a different, equally legal approximation)
 *   SQRT_MODE=pass   call oneMKL's own vmsSqrt (via dlsym on libtorch_cpu.so)
 * Lanes that are not positive normal numbers go to sqrtf in the ex modes.
 *
 * It also replaces oneMKL's vmdSqrt (float64), which the harness's correctly rounded float square
 * root calls (engine/CorrectlyRounded.java), to show that no float depends on its last bit:
 *   DSQRT_MODE=exact r = sqrt(a) (IEEE, correctly rounded; the default)
 *   DSQRT_MODE=up    one ulp above it, DSQRT_MODE=down one ulp below it (legal results of a
 *                    kernel that errs by up to 1.5 ulp: what another vendor's processor may give)
 *   DSQRT_MODE=pass  call oneMKL's own vmdSqrt */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int mode = -1, dmode = -1;
static long long calls, elems, dcalls, delems;

static int get_mode(void) {
    if (mode < 0) {
        const char *m = getenv("SQRT_MODE");
        mode = !m ? 0 : !strcmp(m, "exact") ? 0 : !strcmp(m, "ex") ? 1 : !strcmp(m, "ex12") ? 2 : !strcmp(m, "pass") ? 3 : 0;
        if (getenv("SHIM_LOG")) fprintf(stderr, "[vmsqrt shim] mode %d\n", mode);
    }
    return mode;
}

static __attribute__((destructor)) void report(void) {
    if (getenv("SHIM_LOG")) fprintf(stderr, "[vmsqrt shim] vmsSqrt %lld calls, %lld elements; vmdSqrt %lld calls, %lld elements\n",
                                    calls, elems, dcalls, delems);
}

static float rsqrt12(float x) {
    double y = 1.0 / sqrt((double)x);
    int e;
    double m = frexp(y, &e);           /* y = m * 2^e, m in [0.5, 1) */
    m = nearbyint(m * 4096.0) / 4096.0; /* 12 significant bits */
    return (float)ldexp(m, e);
}

static float ex_lane(float x, float y) {
    volatile float s = x * y;
    volatile float h = y * 0.5f;
    volatile float t = 0.5f - s * h;
    volatile float s1 = s * t + s;
    volatile float h1 = h * t + h;
    volatile float d = x - s1 * s1;
    return d * h1 + s1;
}

void emul_sqrt(int m, int n, const float *a, float *r) {
    unsigned int csr = _mm_getcsr();
    _mm_setcsr(csr & ~0x8040u); /* VML_FTZDAZ_OFF: no flush-to-zero, no denormals-are-zero */
    for (int i = 0; i < n; i++) {
        float x = a[i];
        uint32_t b; memcpy(&b, &x, 4);
        if (m == 0 || !(b >= 0x00800000u && b < 0x7f000000u)) { r[i] = sqrtf(x); continue; }
        float y = m == 1 ? _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(x))) : rsqrt12(x);
        r[i] = ex_lane(x, y);
    }
    _mm_setcsr(csr);
}

typedef void (*vfn)(int, const float *, float *, long long);

void vmsSqrt(const int n, const float *a, float *r, long long vmlmode) {
    int m = get_mode();
    calls++; elems += n;
    if (m == 3) {
        static vfn real;
        if (!real) {
            void *h = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_NOLOAD);
            real = h ? (vfn)dlsym(h, "vmsSqrt") : NULL;
            if (!real) { fprintf(stderr, "[vmsqrt shim] cannot find oneMKL's vmsSqrt\n"); abort(); }
        }
        real(n, a, r, vmlmode);
        return;
    }
    emul_sqrt(m, n, a, r);
}

typedef void (*dvfn)(int, const double *, double *, long long);

void vmdSqrt(const int n, const double *a, double *r, long long vmlmode) {
    if (dmode < 0) {
        const char *m = getenv("DSQRT_MODE");
        dmode = !m ? 0 : !strcmp(m, "up") ? 1 : !strcmp(m, "down") ? 2 : !strcmp(m, "pass") ? 3 : 0;
        if (getenv("SHIM_LOG")) fprintf(stderr, "[vmsqrt shim] double mode %d\n", dmode);
    }
    dcalls++; delems += n;
    if (dmode == 3) {
        static dvfn real;
        if (!real) {
            void *h = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_NOLOAD);
            real = h ? (dvfn)dlsym(h, "vmdSqrt") : NULL;
            if (!real) { fprintf(stderr, "[vmsqrt shim] cannot find oneMKL's vmdSqrt\n"); abort(); }
        }
        real(n, a, r, vmlmode);
        return;
    }
    for (int i = 0; i < n; i++) {
        double x = sqrt(a[i]);
        if (x > 0 && isfinite(x)) x = dmode == 1 ? nextafter(x, INFINITY) : dmode == 2 ? nextafter(x, 0.0) : x;
        r[i] = x;
    }
}
