from ck import *
FW=lambda s: ''.join(chr(0xFF10+int(c)) if c.isdigit() else c for c in s)
def person18(region, birth, seq): return id18(region+birth+seq)
def withX(region, birth):
    for n in range(1,999):
        s=region+birth+'%03d'%n
        if idck(s)=='X': return s+'X'
def badck(i):  # same 17 chars, a wrong check character
    good=i[-1]; alt='1' if good!='1' else '2'
    return i[:-1]+alt
