# Sums bench/intake-explain.sh's EXPLAIN output per form and part (issue 14, decision 0061): python3 bench/intake-explain.py FILE
# An insert node's figures include the CTEs it reads (the evaluation insert includes the counters' upsert).
import re,sys,collections
txt=open(sys.argv[1]).read()
parts=re.split(r'=== batch (\d+) (\S+)\n',txt)
rows=collections.defaultdict(list)
for i in range(1,len(parts)-1,3):
    n,kind,body=parts[i],parts[i+1],parts[i+2]
    lines=body.splitlines()
    def stats(start_pat):
        # the block after a line matching start_pat: the first Insert node's Buffers/WAL and time
        for j,l in enumerate(lines):
            if re.search(start_pat,l):
                t=re.search(r'actual time=[\d.]+\.\.([\d.]+)',l)
                b=w=None
                for k in range(j+1,min(j+12,len(lines))):
                    if b is None and 'Buffers:' in lines[k]: b=lines[k].strip()
                    if w is None and 'WAL:' in lines[k]: w=lines[k].strip()
                return (float(t.group(1)) if t else None,b,w)
        return None
    top=stats(r'^\s*Result \(actual')
    ex=re.search(r'Execution Time: ([\d.]+)',body)
    res={'total':top,'exec':float(ex.group(1)) if ex else None,
         'source_day':stats(r'Insert on evaluation_source_day'),
         'evaluation':stats(r'Insert on evaluation e'),
         'daily':stats(r'Insert on evaluation_daily'),
         'dimension':stats(r'Insert on evaluation_dimension_daily')}
    rows[kind].append(res)
def num(s,key):
    if not s: return 0
    m=re.search(key+r'=(\d+)',s); return int(m.group(1)) if m else 0
for kind,rs in rows.items():
    rs=rs[2:]  # first two batches warm the caches
    print('##',kind,len(rs),'batches of 16 (first 2 left out)')
    for part in ['total','source_day','evaluation','daily','dimension']:
        t=[r[part][0] for r in rs if r[part] and r[part][0] is not None]
        recs=[num(r[part][2],'records') for r in rs if r[part]]
        fpi=[num(r[part][2],'fpi') for r in rs if r[part]]
        byt=[num(r[part][2],'bytes') for r in rs if r[part]]
        rd=[num(r[part][1],'read') for r in rs if r[part]]
        dirt=[num(r[part][1],'dirtied') for r in rs if r[part]]
        hit=[num(r[part][1],'hit') for r in rs if r[part]]
        avg=lambda a: sum(a)/len(a)/16 if a else 0
        print(f"  {part:11s} ms/form {avg(t):.3f}  WAL rec/form {avg(recs):.1f} fpi/form {avg(fpi):.2f} kB/form {avg(byt)/1024:.1f}  buffers hit/read/dirtied per form {avg(hit):.1f}/{avg(rd):.2f}/{avg(dirt):.2f}")
    ex=[r['exec'] for r in rs if r['exec']]
    print(f"  execution ms per form {sum(ex)/len(ex)/16:.3f}  (per batch: {', '.join('%.1f'%e for e in ex)})")
