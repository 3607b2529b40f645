"""Random-weight PyTorch stand-ins for the production InsightFace buffalo_l models.

They have the production architectures' shapes, so their speed stands in for the
real files' speed; their outputs mean nothing.

- iresnet50(): InsightFace arcface_torch IResNet-50 (layers 3,4,14,3; 112x112 in;
  BN-dropout-FC-BN to 512), the network of w600k_r50.onnx. The BatchNorm after each
  convolution is folded into it, as an inference engine does; the pre-activation
  BatchNorm at the start of each block stays.
- scrfd_10g_proxy(): SCRFD-10GF layout (ResNetV1e-style deep stem, BasicBlock
  stages 3,4,2,3 with planes 56,88,88,224; PAFPN with 56 channels on strides
  8/16/32; per-stride heads of 3 conv3x3 of 80 channels; 2 anchors with score,
  box and 5 keypoints). BN folded, as in the exported det_*.onnx files. A rough
  proxy of det_10g.onnx, not a copy of it.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def _fold(conv, bn):
    w = conv.weight
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    conv.weight.data = w * scale.reshape(-1, 1, 1, 1)
    b = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
    conv.bias = nn.Parameter((b - bn.running_mean) * scale + bn.bias)
    return conv


class IBasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes)
        self.conv1 = nn.Conv2d(inplanes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.prelu = nn.PReLU(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def fold(self):
        self.conv1 = _fold(self.conv1, self.bn2); self.bn2 = nn.Identity()
        self.conv2 = _fold(self.conv2, self.bn3); self.bn3 = nn.Identity()
        if self.downsample is not None:
            self.downsample = _fold(self.downsample[0], self.downsample[1])

    def forward(self, x):
        out = self.bn3(self.conv2(self.prelu(self.bn2(self.conv1(self.bn1(x))))))
        idt = self.downsample(x) if self.downsample is not None else x
        return out + idt


class IResNet(nn.Module):
    def __init__(self, layers=(3, 4, 14, 3), num_features=512):
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.prelu = nn.PReLU(64)
        self.layer1 = self._make(64, layers[0])
        self.layer2 = self._make(128, layers[1])
        self.layer3 = self._make(256, layers[2])
        self.layer4 = self._make(512, layers[3])
        self.bn2 = nn.BatchNorm2d(512)
        self.dropout = nn.Dropout(0.0)
        self.fc = nn.Linear(512 * 7 * 7, num_features)
        self.features = nn.BatchNorm1d(num_features)

    def _make(self, planes, blocks):
        ds = nn.Sequential(nn.Conv2d(self.inplanes, planes, 1, 2, bias=False), nn.BatchNorm2d(planes))
        mods = [IBasicBlock(self.inplanes, planes, 2, ds)]
        self.inplanes = planes
        mods += [IBasicBlock(planes, planes, 1, None) for _ in range(1, blocks)]
        return nn.Sequential(*mods)

    def fold(self):
        self.conv1 = _fold(self.conv1, self.bn1); self.bn1 = nn.Identity()
        for layer in (self.layer1, self.layer2, self.layer3, self.layer4):
            for blk in layer:
                blk.fold()
        return self

    def forward(self, x):
        x = self.prelu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = self.dropout(torch.flatten(self.bn2(x), 1))
        return self.features(self.fc(x))


def _randomize_bn(m):
    for mod in m.modules():
        if isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.uniform_(mod.weight, 0.5, 1.5); nn.init.uniform_(mod.bias, -0.1, 0.1)
            mod.running_mean.uniform_(-0.1, 0.1); mod.running_var.uniform_(0.5, 1.5)


def iresnet50():
    m = IResNet()
    with torch.no_grad():
        _randomize_bn(m)
        m.fold()
    return m.eval()


def _cr(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1), nn.ReLU(inplace=True))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.down = None
        if stride != 1 or cin != cout:  # ResNet-D style: avgpool then 1x1
            self.down = nn.Sequential(nn.AvgPool2d(stride, stride, ceil_mode=True, count_include_pad=False)
                                      if stride != 1 else nn.Identity(), nn.Conv2d(cin, cout, 1))

    def forward(self, x):
        idt = self.down(x) if self.down is not None else x
        return F.relu(self.c2(F.relu(self.c1(x))) + idt)


class Scrfd10gProxy(nn.Module):
    def __init__(self, blocks=(3, 4, 2, 3), planes=(56, 88, 88, 224), base=56, neck=56, feat=80, stacked=3, anchors=2):
        super().__init__()
        self.stem = nn.Sequential(_cr(3, base // 2, 2), _cr(base // 2, base // 2), _cr(base // 2, base),
                                  nn.MaxPool2d(2, 2))
        stages, cin = [], base
        for i, (n, p) in enumerate(zip(blocks, planes)):
            stages.append(nn.Sequential(*[BasicBlock(cin if j == 0 else p, p, (1 if i == 0 else 2) if j == 0 else 1)
                                          for j in range(n)]))
            cin = p
        self.stages = nn.ModuleList(stages)
        ins = planes[1:]
        self.lateral = nn.ModuleList([nn.Conv2d(c, neck, 1) for c in ins])
        self.fpn = nn.ModuleList([_cr(neck, neck) for _ in ins])
        self.down = nn.ModuleList([_cr(neck, neck, 2) for _ in ins[1:]])
        self.pafpn = nn.ModuleList([_cr(neck, neck) for _ in ins[1:]])
        self.heads = nn.ModuleList([nn.Sequential(*[_cr(neck if j == 0 else feat, feat) for j in range(stacked)])
                                    for _ in ins])
        self.cls = nn.ModuleList([nn.Conv2d(feat, anchors, 3, 1, 1) for _ in ins])
        self.reg = nn.ModuleList([nn.Conv2d(feat, anchors * 4, 3, 1, 1) for _ in ins])
        self.kps = nn.ModuleList([nn.Conv2d(feat, anchors * 10, 3, 1, 1) for _ in ins])

    def forward(self, x):
        x = self.stem(x)
        feats = []
        for i, s in enumerate(self.stages):
            x = s(x)
            if i >= 1:
                feats.append(x)
        lat = [l(f) for l, f in zip(self.lateral, feats)]
        for i in range(len(lat) - 1, 0, -1):
            lat[i - 1] = lat[i - 1] + F.interpolate(lat[i], size=lat[i - 1].shape[2:], mode="nearest")
        outs = [f(l) for f, l in zip(self.fpn, lat)]
        for i in range(len(outs) - 1):
            outs[i + 1] = outs[i + 1] + self.down[i](outs[i])
        outs = [outs[0]] + [p(o) for p, o in zip(self.pafpn, outs[1:])]
        res = []
        for i, o in enumerate(outs):
            h = self.heads[i](o)
            for conv, k in ((self.cls[i], 1), (self.reg[i], 4), (self.kps[i], 10)):
                y = conv(h)
                if k == 1:
                    y = torch.sigmoid(y)
                res.append(y.permute(2, 3, 0, 1).reshape(-1, k))
        return res


def scrfd_10g_proxy():
    return Scrfd10gProxy().eval()
