W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
M='10X98765432'
def idck(s17): return M[sum(int(c)*w for c,w in zip(s17,W))%11]
def id18(s17): return s17+idck(s17)
def up15(s15): return id18(s15[:6]+'19'+s15[6:])
CS='0123456789ABCDEFGHJKLMNPQRTUWXY'
CW=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
def ccck(s17):
    r=31-sum(CS.index(c)*w for c,w in zip(s17,CW))%31
    return CS[0 if r==31 else r]
def cc(s17): return s17+ccck(s17)
