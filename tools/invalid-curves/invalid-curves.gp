\\ Invalid curves for the attack lab's invalid-curve attack on P-256 ECDH.
\\
\\ scan(b0, b1): for each curve y^2 = x^3 - 3x + b' over P-256's field F_p with
\\ b0 <= b' <= b1 (singular curves skipped), SEA point counting (ellcard) gives the
\\ order #E; for every prime q < 2^10 dividing #E it prints one line
\\     b' q x y        (b' and q in decimal, x and y in hex)
\\ with (x, y) a point of order exactly q: (#E / q^v) * G' for random points G' of the
\\ curve (q^v the largest power of q dividing #E) until that is not the point at
\\ infinity, then multiplied by q while q times it is not. The random points come from
\\ setrand(b'), so every run prints the same lines.
\\
\\ make-table.py (beside this file) runs scan() over b' = 1 .. 220 with PARI/GP (Debian's
\\ pari-gp), keeps for each prime the curve with the smallest b', the smallest primes
\\ until their product exceeds n^2, checks every point again and writes the crate's table
\\ src/attacks/invalid_curve/table.rs. Regenerate, from the repository's root:
\\     python3 tools/invalid-curves/make-table.py

default(parisizemax, 2^30);

p = 2^256 - 2^224 + 2^192 + 2^96 - 1;
b256 = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b;
QMAX = 2^10;

{
scan(b0, b1) =
  for (b = b0, b1,
    if (b == b256, next);
    my(E = ellinit([-3, b], p));
    if (E == [], next);
    my(N = ellcard(E));
    setrand(b);
    forprime (q = 2, QMAX - 1,
      if (N % q, next);
      my(m = N / q^valuation(N, q), P = [0]);
      while (P == [0], P = ellmul(E, random(E), m));
      while (ellmul(E, P, q) != [0], P = ellmul(E, P, q));
      printf("%d %d %064x %064x\n", b, q, lift(P[1]), lift(P[2]))));
}
