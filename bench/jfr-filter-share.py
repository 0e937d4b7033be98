# The rating form's request-thread samples split between the servlet filters and the intake's answer (issue 14,
# decision 0061): python3 bench/jfr-filter-share.py SAMPLES.txt... (`jfr print --events jdk.ExecutionSample` output,
# as bench/profile-intake.sh writes it). The answer (RatingIntake.answer) is the same work in every build, so the
# filters' share against it compares builds recorded under different loads.
import sys

for f in sys.argv[1:]:
    n = chain = answer = 0
    for e in open(f).read().split('jdk.ExecutionSample'):
        if 'http-nio' not in e:
            continue
        n += 1
        chain += 'ApplicationFilterChain.doFilter' in e
        answer += 'RatingIntake.answer' in e
    if n == 0:
        print(f"{f}: no request-thread samples")
        continue
    print(f"{f}: {n} request-thread samples; filter chain {100 * chain / n:.1f} %, the intake's answer "
          f"{100 * answer / n:.1f} %, the filters' own {100 * (chain - answer) / n:.1f} % "
          f"({(chain - answer) / max(answer, 1):.2f}x the answer); Tomcat outside the chain {100 * (n - chain) / n:.1f} %")
