/*
 * strings.c - glibc's string functions over many lengths and alignments.
 * On AArch64 glibc picks AdvSIMD (and, where the CPU has them, MTE/SVE-free
 * ASIMD) versions at load time; they read whole 16-byte aligned chunks,
 * use LD1/UMINV/SHRN/CMEQ/ADDP and rely on page-crossing rules.  Every
 * result is checked against a byte-by-byte reference; strings placed so
 * they end right before an inaccessible page check that no access crosses
 * into it.  Output: one line per function with the count of mismatches.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXLEN 300
#define NALIGN 16
static unsigned char bufa[MAXLEN + 64 + 64], bufb[MAXLEN + 64 + 64], ref[MAXLEN + 64 + 64];
static int fails[32];
static const char *names[32];
static int nnames;

static int slot(const char *n)
{
    for (int i = 0; i < nnames; i++)
        if (strcmp(names[i], n) == 0)
            return i;
    names[nnames] = n;
    return nnames++;
}
#define CHECK(name, cond) do { if (!(cond)) fails[slot(name)]++; else (void)slot(name); } while (0)

static size_t ref_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static int sgn(int v) { return (v > 0) - (v < 0); }

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(((seed >> 16) % 250) + 1); /* never 0 */
    }
}

static void test_mem(void)
{
    for (size_t len = 0; len <= MAXLEN; len += (len < 70 ? 1 : 7))
        for (int sa = 0; sa < NALIGN; sa++)
            for (int da = 0; da < NALIGN; da += 3) {
                fill(bufa, sizeof bufa, (unsigned)(len * 31 + sa));
                memset(bufb, 0xEE, sizeof bufb);
                void *r = memcpy(bufb + da, bufa + sa, len);
                int ok = r == bufb + da && memcmp(bufb + da, bufa + sa, len) == 0 &&
                         (da == 0 || bufb[da - 1] == 0xEE) && bufb[da + len] == 0xEE;
                for (size_t i = 0; ok && i < len; i++)
                    ok = bufb[da + i] == bufa[sa + i];
                CHECK("memcpy", ok);

                /* memset */
                memset(bufb, 0xEE, sizeof bufb);
                r = memset(bufb + da, sa * 17, len);
                ok = r == bufb + da && bufb[da + len] == 0xEE && (da == 0 || bufb[da - 1] == 0xEE);
                for (size_t i = 0; ok && i < len; i++)
                    ok = bufb[da + i] == (unsigned char)(sa * 17);
                CHECK("memset", ok);

                /* memmove, overlapping both ways inside one buffer */
                fill(bufa, sizeof bufa, (unsigned)len);
                memcpy(ref, bufa, sizeof bufa);
                size_t dst = (size_t)da + 20, src = (size_t)sa + 20 + (len & 1 ? 5 : 0);
                if (len & 2) { size_t t = dst; dst = src; src = t; }
                memmove(bufa + dst, bufa + src, len);
                ok = 1;
                for (size_t i = 0; ok && i < len; i++)
                    ok = bufa[dst + i] == ref[src + i];
                CHECK("memmove", ok);

                /* memcmp: equal, then differ at a chosen position */
                fill(bufa, sizeof bufa, 7);
                memcpy(bufb + da, bufa + sa, len);
                CHECK("memcmp", memcmp(bufa + sa, bufb + da, len) == 0);
                if (len) {
                    size_t pos = (len * 7 + sa) % len;
                    bufb[da + pos] = (unsigned char)(bufa[sa + pos] + 1 + (sa & 1 ? 0x80 : 0));
                    int want = bufa[sa + pos] < bufb[da + pos] ? -1 : 1;
                    CHECK("memcmp", sgn(memcmp(bufa + sa, bufb + da, len)) == want);
                }

                /* memchr / memrchr: first/last occurrence */
                fill(bufa, sizeof bufa, 11);
                for (size_t i = 0; i < len; i++)
                    if (bufa[sa + i] == 0x42) bufa[sa + i] = 0x43;
                unsigned char *want = NULL, *wantr = NULL;
                if (len) {
                    size_t p1 = (len * 3) / 4, p2 = len / 3;
                    bufa[sa + p1] = 0x42;
                    bufa[sa + p2] = 0x42;
                    want = bufa + sa + (p1 < p2 ? p1 : p2);
                    wantr = bufa + sa + (p1 > p2 ? p1 : p2);
                }
                bufa[sa + len] = 0x42; /* just past the end: must not be found */
                CHECK("memchr", memchr(bufa + sa, 0x42, len) == want);
                CHECK("memrchr", memrchr(bufa + sa, 0x42, len) == wantr);
            }
}

static void test_str(void)
{
    for (size_t len = 0; len <= MAXLEN; len += (len < 70 ? 1 : 5))
        for (int sa = 0; sa < NALIGN; sa++) {
            int da = (sa * 5) % NALIGN;
            fill(bufa, sizeof bufa, (unsigned)(len + sa));
            char *s = (char *)bufa + sa;
            s[len] = 0;
            CHECK("strlen", strlen(s) == len);
            CHECK("strnlen", strnlen(s, len / 2) == len / 2 && strnlen(s, len + 10) == len);

            /* strchr / strrchr / strchrnul */
            for (size_t i = 0; i < len; i++)
                if (s[i] == 'q') s[i] = 'r';
            CHECK("strchr", strchr(s, 'q') == NULL && strchr(s, 0) == s + len);
            CHECK("strchrnul", strchrnul(s, 'q') == s + len);
            if (len) {
                s[len / 2] = 'q';
                s[len - 1] = 'q';
                CHECK("strchr", strchr(s, 'q') == s + len / 2);
                CHECK("strrchr", strrchr(s, 'q') == s + len - 1);
                CHECK("strchrnul", strchrnul(s, 'q') == s + len / 2);
            }

            /* strcpy / stpcpy / strcmp / strncmp */
            memset(bufb, 0xEE, sizeof bufb);
            char *d = (char *)bufb + da;
            CHECK("strcpy", strcpy(d, s) == d && memcmp(d, s, len + 1) == 0 &&
                                (unsigned char)d[len + 1] == 0xEE);
            memset(bufb, 0xEE, sizeof bufb);
            CHECK("stpcpy", stpcpy(d, s) == d + len && ref_strlen(d) == len);
            CHECK("strcmp", strcmp(s, d) == 0 && strncmp(s, d, len + 5) == 0);
            if (len) {
                size_t pos = (len * 5 + 3) % len;
                char saved = d[pos];
                d[pos] = (char)(saved + 1);
                int want = (unsigned char)s[pos] < (unsigned char)d[pos] ? -1 : 1;
                CHECK("strcmp", sgn(strcmp(s, d)) == want && sgn(strcmp(d, s)) == -want);
                CHECK("strncmp", sgn(strncmp(s, d, pos + 1)) == want && strncmp(s, d, pos) == 0);
                d[pos] = 0; /* d is now a prefix of s */
                CHECK("strcmp", strcmp(s, d) > 0 && strcmp(d, s) < 0);
                d[pos] = saved;
                /* high-bit bytes compare as unsigned char */
                d[pos] = (char)0xC0;
                s[pos] = 0x30;
                CHECK("strcmp", strcmp(s, d) < 0);
            }
            /* strstr with a needle at the end */
            if (len >= 4) {
                char needle[5];
                memcpy(needle, s + len - 4, 4);
                needle[4] = 0;
                char *f = strstr(s, needle);
                CHECK("strstr", f != NULL && memcmp(f, needle, 4) == 0 && f <= s + len - 4);
            }
        }
}

/* strings ending at the last byte before a PROT_NONE page */
static void test_page_edge(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { printf("mmap failed\n"); return; }
    if (mprotect(m + pg, pg, PROT_NONE) != 0) { printf("mprotect failed\n"); return; }
    for (size_t len = 0; len < 100; len++) {
        char *s = (char *)m + pg - len - 1;
        memset(s, 'a', len);
        s[len] = 0;
        CHECK("edge-strlen", strlen(s) == len);
        CHECK("edge-strchr", strchr(s, 'z') == NULL);
        CHECK("edge-strrchr", len == 0 || strrchr(s, 'a') == s + len - 1);
        CHECK("edge-memchr", memchr(s, 'z', len + 1) == NULL);
        CHECK("edge-strcmp", strcmp(s, s) == 0);
        char tmp[128];
        strcpy(tmp, s);
        CHECK("edge-strcpy", strlen(tmp) == len);
        CHECK("edge-memcmp", memcmp(s, tmp, len + 1) == 0);
    }
    munmap(m, 2 * pg);
}

int main(void)
{
    test_mem();
    test_str();
    test_page_edge();
    for (int i = 0; i < nnames; i++)
        printf("%-12s %s (%d mismatches)\n", names[i], fails[i] ? "FAIL" : "ok", fails[i]);
    /* a few visible results */
    char b[64];
    snprintf(b, sizeof b, "%s|%s", "abc", "defgh");
    printf("strlen(\"%s\")=%zu strcspn=%zu strspn=%zu\n", b, strlen(b), strcspn(b, "|"), strspn(b, "cba"));
    char tok[] = "alpha, beta,,gamma";
    char *save, *t = strtok_r(tok, ", ", &save);
    while (t) { printf("token %s\n", t); t = strtok_r(NULL, ", ", &save); }
    return 0;
}
