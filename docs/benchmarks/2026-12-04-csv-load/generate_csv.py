# Writes a numeric CSV: a label column (alpha/beta/gamma, 3:2:1) and COLUMNS feature columns.
# usage: python3 generate_csv.py ROWS COLUMNS out.csv
import random, sys
rows = int(sys.argv[1]); cols = int(sys.argv[2]); out = sys.argv[3]
r = random.Random(7)
labels = ["alpha", "beta", "gamma"]
with open(out, "w") as f:
    f.write(",".join(["label"] + ["f%d" % i for i in range(cols)]) + "\n")
    for i in range(rows):
        vals = []
        for c in range(cols):
            k = c % 4
            if k == 0: vals.append("%.6f" % r.gauss(1000.0, 3.0))
            elif k == 1: vals.append("%.4f" % r.uniform(-1, 1))
            elif k == 2: vals.append("%d" % r.randint(0, 99))
            else: vals.append("%.5e" % r.lognormvariate(0, 2))
        f.write(labels[r.choice([0,0,0,1,1,2])] + "," + ",".join(vals) + "\n")
