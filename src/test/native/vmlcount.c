/* LD_PRELOAD shim: counts ATen's calls into oneMKL VML (float and double), passing each through. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
typedef void (*sfn)(int, const float *, float *, long long);
typedef void (*dfn)(int, const double *, double *, long long);
static void *lib(void) {
    static void *h;
    if (!h) h = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_NOLOAD);
    if (!h) { fprintf(stderr, "[vmlcount] libtorch_cpu.so not loaded\n"); abort(); }
    return h;
}
#define N 64
static const char *names[N]; static long long calls[N], elems[N]; static int used;
static int slot(const char *n) { for (int i = 0; i < used; i++) if (names[i] == n) return i; names[used] = n; return used++; }
#define S(op) void vms##op(int n, const float *a, float *r, long long m) { static sfn f; static int k = -1; \
    if (!f) { f = (sfn)dlsym(lib(), "vms" #op); k = slot("vms" #op); } calls[k]++; elems[k] += n; f(n, a, r, m); }
#define D(op) void vmd##op(int n, const double *a, double *r, long long m) { static dfn f; static int k = -1; \
    if (!f) { f = (dfn)dlsym(lib(), "vmd" #op); k = slot("vmd" #op); } calls[k]++; elems[k] += n; f(n, a, r, m); }
#define ALL(X) X(Acos) X(Asin) X(Atan) X(Cos) X(Erf) X(ErfInv) X(Erfc) X(Exp) X(Ln) X(Log10) X(Log2) X(Sin) X(Sqrt) X(Tan) X(Tanh) X(Trunc)
ALL(S) ALL(D)
typedef void (*sfn3)(int, const float *, float *);
typedef void (*dfn3)(int, const double *, double *);
void vsLn(int n, const float *a, float *r) { static sfn3 f; static int k = -1; if (!f) { f = (sfn3)dlsym(lib(), "vsLn"); k = slot("vsLn"); } calls[k]++; elems[k] += n; f(n, a, r); }
void vdLn(int n, const double *a, double *r) { static dfn3 f; static int k = -1; if (!f) { f = (dfn3)dlsym(lib(), "vdLn"); k = slot("vdLn"); } calls[k]++; elems[k] += n; f(n, a, r); }
static __attribute__((destructor)) void report(void) {
    fprintf(stderr, "[vmlcount]");
    for (int i = 0; i < used; i++) fprintf(stderr, " %s: %lld calls %lld elements;", names[i], calls[i], elems[i]);
    fprintf(stderr, "\n");
}
