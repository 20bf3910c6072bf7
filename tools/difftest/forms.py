"""forms.py - hand-picked assembly forms for the fp and simd classes of
difftest.  They are templates: the driver assembles them once, and the
generator varies their register fields (gen_vec.py), so edge immediates
(shift by 0 / esize, fbits 1 / esize, lane 0 / last, 1-4 register TBL
lists) are covered on top of the random encodings.  Forms the assembler
rejects for the emulated feature set are dropped by the driver."""


def simd_forms():
    """AdvSIMD and crypto forms: v0 destination/accumulator, v1-v3 sources."""
    cands = []

    def add(s):
        cands.append(s)

    ARR = ['8b', '16b', '4h', '8h', '2s', '4s', '2d', '1d']

    same3 = '''shadd sqadd srhadd shsub sqsub cmgt cmge sshl sqshl srshl sqrshl smax smin sabd saba add cmtst mla mul smaxp sminp sqdmulh addp
    uhadd uqadd urhadd uhsub uqsub cmhi cmhs ushl uqshl urshl uqrshl umax umin uabd uaba sub cmeq mls pmul umaxp uminp sqrdmulh
    and bic orr orn eor bsl bit bif'''.split()
    for op in same3:
        for a in ARR:
            add(f'{op} v0.{a}, v1.{a}, v2.{a}')
    for op in 'sqadd sqsub uqadd uqsub sqshl uqshl sqrshl uqrshl'.split():
        for r in 'bhsd':
            add(f'{op} {r}0, {r}1, {r}2')
    for op in 'cmgt cmge cmhi cmhs cmeq cmtst sshl ushl srshl urshl add sub'.split():
        add(f'{op} d0, d1, d2')
    for op in 'sqdmulh sqrdmulh'.split():
        for r in 'hs':
            add(f'{op} {r}0, {r}1, {r}2')
    misc2 = 'rev64 rev16 rev32 saddlp uaddlp sadalp uadalp suqadd usqadd cls clz cnt not rbit sqabs sqneg abs neg'.split()
    for op in misc2:
        for a in ARR:
            add(f'{op} v0.{a}, v1.{a}')
    for op in 'saddlp uaddlp sadalp uadalp'.split():
        for a, b in [('4h', '8b'), ('8h', '16b'), ('2s', '4h'), ('4s', '8h'), ('1d', '2s'), ('2d', '4s')]:
            add(f'{op} v0.{a}, v1.{b}')
    for op in 'cmgt cmge cmeq cmle cmlt'.split():
        for a in ARR:
            add(f'{op} v0.{a}, v1.{a}, #0')
        add(f'{op} d0, d1, #0')
    for op in 'abs neg'.split():
        add(f'{op} d0, d1')
    for op in 'sqabs sqneg suqadd usqadd'.split():
        for r in 'bhsd':
            add(f'{op} {r}0, {r}1')
    narrow = [('8b', '8h'), ('4h', '4s'), ('2s', '2d')]
    for op in 'xtn sqxtn uqxtn sqxtun'.split():
        for n, w in narrow:
            add(f'{op} v0.{n}, v1.{w}')
            add(f'{op}2 v0.{n.replace("8b","16b").replace("4h","8h").replace("2s","4s")}, v1.{w}')
        for n, w in [('b', 'h'), ('h', 's'), ('s', 'd')]:
            if op != 'xtn':
                add(f'{op} {n}0, {w}1')
    for n, w in narrow:
        add(f'shll v0.{w}, v1.{n}, #{ {"8b":8,"4h":16,"2s":32}[n] }')
        n2 = n.replace("8b","16b").replace("4h","8h").replace("2s","4s")
        add(f'shll2 v0.{w}, v1.{n2}, #{ {"8b":8,"4h":16,"2s":32}[n] }')
    # shifts
    for a, eb in [('8b', 8), ('16b', 8), ('4h', 16), ('8h', 16), ('2s', 32), ('4s', 32), ('2d', 64)]:
        for sh in sorted({1, eb // 2 + 1, eb}):
            for op in 'sshr ushr srshr urshr ssra usra srsra ursra sri'.split():
                add(f'{op} v0.{a}, v1.{a}, #{sh}')
        for sh in sorted({0, 3, eb - 1}):
            for op in 'shl sli sqshl uqshl sqshlu'.split():
                add(f'{op} v0.{a}, v1.{a}, #{sh}')
    for sh in [1, 33, 64]:
        for op in 'sshr ushr srshr urshr ssra usra srsra ursra sri'.split():
            add(f'{op} d0, d1, #{sh}')
    for sh in [0, 5, 63]:
        for op in 'shl sli'.split():
            add(f'{op} d0, d1, #{sh}')
    for r, eb in [('b', 8), ('h', 16), ('s', 32), ('d', 64)]:
        for sh in [0, 1, eb - 1]:
            for op in 'sqshl uqshl sqshlu'.split():
                add(f'{op} {r}0, {r}1, #{sh}')
    for (n, w), eb in zip(narrow, [8, 16, 32]):
        n2 = n.replace("8b","16b").replace("4h","8h").replace("2s","4s")
        for sh in [1, eb // 2, eb]:
            for op in 'shrn rshrn sqshrn sqrshrn uqshrn uqrshrn sqshrun sqrshrun'.split():
                add(f'{op} v0.{n}, v1.{w}, #{sh}')
                add(f'{op}2 v0.{n2}, v1.{w}, #{sh}')
        for sh in [0, eb - 1]:
            add(f'sshll v0.{w}, v1.{n}, #{sh}')
            add(f'ushll2 v0.{w}, v1.{n2}, #{sh}')
    for (nr, wr), eb in zip([('b', 'h'), ('h', 's'), ('s', 'd')], [8, 16, 32]):
        for sh in [1, eb]:
            for op in 'sqshrn sqrshrn uqshrn uqrshrn sqshrun sqrshrun'.split():
                add(f'{op} {nr}0, {wr}1, #{sh}')
    # across
    for op in 'addv saddlv uaddlv smaxv sminv umaxv uminv'.split():
        for a in ['8b', '16b', '4h', '8h', '4s']:
            r = {'8b': 'b', '16b': 'b', '4h': 'h', '8h': 'h', '4s': 's'}[a]
            if 'lv' in op:
                r = {'b': 'h', 'h': 's', 's': 'd'}[r]
            add(f'{op} {r}0, v1.{a}')
    add('addp d0, v1.2d')
    # 3 diff
    longs = [('8h', '8b', '16b'), ('4s', '4h', '8h'), ('2d', '2s', '4s')]
    for op in 'saddl uaddl ssubl usubl sabal uabal sabdl uabdl smlal umlal smlsl umlsl smull umull sqdmlal sqdmlsl sqdmull pmull'.split():
        for w, n, n2 in longs:
            add(f'{op} v0.{w}, v1.{n}, v2.{n}')
            add(f'{op}2 v0.{w}, v1.{n2}, v2.{n2}')
    add('pmull v0.1q, v1.1d, v2.1d')
    add('pmull2 v0.1q, v1.2d, v2.2d')
    for op in 'saddw uaddw ssubw usubw'.split():
        for w, n, n2 in longs:
            add(f'{op} v0.{w}, v1.{w}, v2.{n}')
            add(f'{op}2 v0.{w}, v1.{w}, v2.{n2}')
    for op in 'addhn subhn raddhn rsubhn'.split():
        for w, n, n2 in longs:
            add(f'{op} v0.{n}, v1.{w}, v2.{w}')
            add(f'{op}2 v0.{n2}, v1.{w}, v2.{w}')
    for op in 'sqdmlal sqdmlsl sqdmull'.split():
        add(f'{op} s0, h1, h2')
        add(f'{op} d0, s1, s2')
    # by element
    for op in 'mul mla mls sqdmulh sqrdmulh'.split():
        for a, e, i in [('4h', 'h', 5), ('8h', 'h', 7), ('2s', 's', 1), ('4s', 's', 3)]:
            add(f'{op} v0.{a}, v1.{a}, v2.{e}[{i}]')
    for op in 'sqdmulh sqrdmulh'.split():
        add(f'{op} h0, h1, v2.h[6]')
        add(f'{op} s0, s1, v2.s[2]')
    for op in 'smlal umlal smlsl umlsl smull umull sqdmlal sqdmlsl sqdmull'.split():
        add(f'{op} v0.4s, v1.4h, v2.h[3]')
        add(f'{op}2 v0.4s, v1.8h, v2.h[5]')
        add(f'{op} v0.2d, v1.2s, v2.s[1]')
        add(f'{op}2 v0.2d, v1.4s, v2.s[2]')
    for op in 'sqdmlal sqdmlsl sqdmull'.split():
        add(f'{op} s0, h1, v2.h[7]')
        add(f'{op} d0, s1, v2.s[3]')
    # copy / imm / perm
    for e, n in [('b', 16), ('h', 8), ('s', 4), ('d', 2)]:
        for i in [0, n - 1]:
            for a in {'b': ['8b', '16b'], 'h': ['4h', '8h'], 's': ['2s', '4s'], 'd': ['2d']}[e]:
                add(f'dup v0.{a}, v1.{e}[{i}]')
            add(f'mov v0.{e}[{i}], v1.{e}[{n // 2}]')
            add(f'mov {e}0, v1.{e}[{i}]')
            add(f'mov v0.{e}[{i}], {"x" if e == "d" else "w"}0')
            add(f'umov {"x" if e == "d" else "w"}0, v1.{e}[{i}]')
            if e != 'd':
                add(f'smov x0, v1.{e}[{i}]')
                if e != 's':
                    add(f'smov w0, v1.{e}[{i}]')
        for a in {'b': ['8b', '16b'], 'h': ['4h', '8h'], 's': ['2s', '4s'], 'd': ['2d']}[e]:
            add(f'dup v0.{a}, {"x" if e == "d" else "w"}0')
    for a in ['8b', '16b']:
        add(f'movi v0.{a}, #0xa5')
    for a in ['4h', '8h']:
        for sh in [0, 8]:
            for op in 'movi mvni orr bic'.split():
                add(f'{op} v0.{a}, #0x5a, lsl #{sh}')
    for a in ['2s', '4s']:
        for sh in [0, 8, 16, 24]:
            for op in 'movi mvni orr bic'.split():
                add(f'{op} v0.{a}, #0xc3, lsl #{sh}')
        for sh in [8, 16]:
            for op in 'movi mvni'.split():
                add(f'{op} v0.{a}, #0x3c, msl #{sh}')
        add(f'fmov v0.{a}, #-1.25')
    add('movi d0, #0xff00ff0000ffff00')
    add('movi v0.2d, #0xff00ff0000ffff00')
    add('fmov v0.2d, #0.5')
    for op in 'zip1 zip2 uzp1 uzp2 trn1 trn2'.split():
        for a in ARR:
            add(f'{op} v0.{a}, v1.{a}, v2.{a}')
    for i in [0, 3, 7]:
        add(f'ext v0.8b, v1.8b, v2.8b, #{i}')
    for i in [0, 5, 15]:
        add(f'ext v0.16b, v1.16b, v2.16b, #{i}')
    for op in 'tbl tbx'.split():
        for a in ['8b', '16b']:
            add(f'{op} v0.{a}, {{v1.16b}}, v3.{a}')
            add(f'{op} v0.{a}, {{v1.16b, v2.16b}}, v3.{a}')
            add(f'{op} v0.{a}, {{v1.16b, v2.16b, v3.16b}}, v3.{a}')
            add(f'{op} v0.{a}, {{v0.16b, v1.16b, v2.16b, v3.16b}}, v3.{a}')
    # FP
    fp3 = 'fadd fsub fmul fdiv fmulx fmax fmin fmaxnm fminnm fmla fmls fabd fcmeq fcmge fcmgt facge facgt frecps frsqrts faddp fmaxp fminp fmaxnmp fminnmp'.split()
    for op in fp3:
        for a in ['2s', '4s', '2d']:
            add(f'{op} v0.{a}, v1.{a}, v2.{a}')
    for op in 'fmulx fcmeq fcmge fcmgt facge facgt fabd frecps frsqrts'.split():
        add(f'{op} s0, s1, s2')
        add(f'{op} d0, d1, d2')
    fp2 = 'fabs fneg fsqrt frintn frintm frintp frintz frinta frintx frinti fcvtns fcvtms fcvtps fcvtzs fcvtas fcvtnu fcvtmu fcvtpu fcvtzu fcvtau scvtf ucvtf frecpe frsqrte'.split()
    for op in fp2:
        for a in ['2s', '4s', '2d']:
            add(f'{op} v0.{a}, v1.{a}')
    for op in 'urecpe ursqrte'.split():
        add(f'{op} v0.2s, v1.2s'); add(f'{op} v0.4s, v1.4s')
    for op in 'fcmgt fcmge fcmeq fcmle fcmlt'.split():
        for a in ['2s', '4s', '2d']:
            add(f'{op} v0.{a}, v1.{a}, #0.0')
        add(f'{op} s0, s1, #0.0'); add(f'{op} d0, d1, #0.0')
    for op in 'fcvtns fcvtms fcvtps fcvtzs fcvtas fcvtnu fcvtmu fcvtpu fcvtzu fcvtau scvtf ucvtf frecpe frsqrte frecpx'.split():
        add(f'{op} s0, s1'); add(f'{op} d0, d1')
    add('fcvtn v0.2s, v1.2d'); add('fcvtn2 v0.4s, v1.2d'); add('fcvtn v0.4h, v1.4s'); add('fcvtn2 v0.8h, v1.4s')
    add('fcvtl v0.2d, v1.2s'); add('fcvtl2 v0.2d, v1.4s'); add('fcvtl v0.4s, v1.4h'); add('fcvtl2 v0.4s, v1.8h')
    add('fcvtxn v0.2s, v1.2d'); add('fcvtxn2 v0.4s, v1.2d'); add('fcvtxn s0, d1')
    for op in 'fmaxv fminv fmaxnmv fminnmv'.split():
        add(f'{op} s0, v1.4s')
    for op in 'faddp fmaxp fminp fmaxnmp fminnmp'.split():
        add(f'{op} s0, v1.2s'); add(f'{op} d0, v1.2d')
    for op in 'scvtf ucvtf fcvtzs fcvtzu'.split():
        for a, eb in [('2s', 32), ('4s', 32), ('2d', 64)]:
            for fb in [1, eb // 2, eb]:
                add(f'{op} v0.{a}, v1.{a}, #{fb}')
        add(f'{op} s0, s1, #7'); add(f'{op} d0, d1, #40')
    for op in 'fmla fmls fmul fmulx'.split():
        add(f'{op} v0.2s, v1.2s, v2.s[3]'); add(f'{op} v0.4s, v1.4s, v2.s[1]'); add(f'{op} v0.2d, v1.2d, v2.d[1]')
        add(f'{op} s0, s1, v2.s[2]'); add(f'{op} d0, d1, v2.d[1]')
    # crypto
    for op in 'aese aesd aesmc aesimc'.split():
        add(f'{op} v0.16b, v1.16b')
    for op in 'sha1c sha1p sha1m'.split():
        add(f'{op} q0, s1, v2.4s')
    add('sha1su0 v0.4s, v1.4s, v2.4s'); add('sha1h s0, s1'); add('sha1su1 v0.4s, v1.4s')
    add('sha256h q0, q1, v2.4s'); add('sha256h2 q0, q1, v2.4s'); add('sha256su0 v0.4s, v1.4s'); add('sha256su1 v0.4s, v1.4s, v2.4s')
    return cands



def fp_forms():
    """Scalar FP forms (the operation list of tests/unit/test_a64_fp.c)."""
    c = []
    for p in "hsd":
        for op in "fadd fsub fmul fdiv fmax fmin fmaxnm fminnm fnmul fmulx frecps frsqrts fabd".split():
            c.append(f"{op} {p}0, {p}1, {p}2")
        for op in "fcmeq fcmge fcmgt facge facgt".split():
            c.append(f"{op} {p}0, {p}1, {p}2")
        for op in ("fabs fneg fsqrt frecpe frsqrte frecpx frintn frintp frintm frintz "
                   "frinta frintx frinti fmov").split():
            c.append(f"{op} {p}0, {p}1")
        for op in "fmadd fmsub fnmadd fnmsub".split():
            c.append(f"{op} {p}0, {p}1, {p}2, {p}3")
        for op in "fcmp fcmpe".split():
            c += [f"{op} {p}1, {p}2", f"{op} {p}1, #0.0"]
        for op in "fccmp fccmpe".split():
            c += [f"{op} {p}1, {p}2, #5, eq", f"{op} {p}1, {p}2, #10, vs"]
        c.append(f"fcsel {p}0, {p}1, {p}2, lt")
        for q in "hsd":
            if q != p:
                c.append(f"fcvt {q}0, {p}1")
        for r in "wx":
            for op in "fcvtns fcvtnu fcvtps fcvtpu fcvtms fcvtmu fcvtzs fcvtzu fcvtas fcvtau".split():
                c.append(f"{op} {r}0, {p}1")
            for op in "scvtf ucvtf".split():
                c.append(f"{op} {p}0, {r}1")
            for fb in (1, 7, 32 if r == "w" else 64):
                c += [f"fcvtzs {r}0, {p}1, #{fb}", f"fcvtzu {r}0, {p}1, #{fb}",
                      f"scvtf {p}0, {r}1, #{fb}", f"ucvtf {p}0, {r}1, #{fb}"]
        c += [f"fmov {p}0, #-1.25", f"fmov {p}0, #31.0"]
    c += ["fmov x0, d1", "fmov d0, x1", "fmov w0, s1", "fmov s0, w1", "fmov x0, v1.d[1]",
          "fmov v0.d[1], x1", "fmov w0, h1", "fmov h0, w1", "fmov x0, h1", "fmov h0, x1",
          "fcvtxn s0, d1", "fjcvtzs w0, d1", "frint32x s0, s1", "frint64z d0, d1"]
    return c
