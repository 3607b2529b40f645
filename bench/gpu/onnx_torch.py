"""Minimal ONNX -> PyTorch interpreter for the face models Facefleet ships.

Covers only the ops used by SCRFD (det_500m, scrfd_2.5g) and fr_feature:
Conv, Relu, PRelu, Add, Mul, Sigmoid, MaxPool, AveragePool, Transpose, Reshape,
Resize (nearest), and the Shape/Gather/Unsqueeze/Slice/Concat chain that feeds
Resize. Shape arithmetic stays in Python ints, so a forward pass never syncs
with the GPU and can be captured in a CUDA graph.

Used instead of onnx2torch, which is not on the package mirrors this project
reaches. It is not ONNX Runtime's CUDA execution provider.

Batch: the models were exported with batch 1. A Reshape whose target shape
starts with 1 keeps the input's batch instead, so fr_feature gives [N, 512].
SCRFD's Reshape(-1, k) folds the batch into the rows, which is fine for
throughput.
"""
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


class OnnxModule(torch.nn.Module):
    def __init__(self, path):
        super().__init__()
        g = onnx.load(path).graph
        self.consts = {}     # python values for shape-side initializers
        self.params = torch.nn.ParameterDict()
        self.key = {}
        for i, init in enumerate(g.initializer):
            a = numpy_helper.to_array(init)
            if a.dtype.kind in "iu":
                self.consts[init.name] = a.tolist()
            elif a.size == 0:
                self.consts[init.name] = None
            else:
                k = "p%d" % i
                self.params[k] = torch.nn.Parameter(torch.from_numpy(a.copy()), requires_grad=False)
                self.key[init.name] = k
        self.nodes = []
        for n in g.node:
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
            self.nodes.append((n.op_type, list(n.input), list(n.output), attrs))
        inits = {i.name for i in g.initializer}
        self.input_name = [i.name for i in g.input if i.name not in inits][0]
        self.output_names = [o.name for o in g.output]
        self.macs = None  # set to 0 to count conv multiply-adds on the next forward

    def _get(self, env, name):
        if name in env:
            return env[name]
        if name in self.key:
            return self.params[self.key[name]]
        return self.consts[name]

    def forward(self, x):
        env = {self.input_name: x}
        for op, ins, outs, at in self.nodes:
            a = [self._get(env, i) if i else None for i in ins]
            if op == "Conv":
                p = at.get("pads", [0, 0, 0, 0])
                assert p[0] == p[2] and p[1] == p[3], "asymmetric pads"
                y = F.conv2d(a[0], a[1], a[2] if len(a) > 2 else None, at.get("strides", 1),
                             (p[0], p[1]), at.get("dilations", 1), at.get("group", 1))
                if self.macs is not None:
                    w = a[1]
                    self.macs += y.numel() // y.shape[0] * w.shape[1] * w.shape[2] * w.shape[3]
            elif op == "Relu":
                y = F.relu(a[0])
            elif op == "PRelu":
                y = F.prelu(a[0], a[1].reshape(-1))
            elif op == "Sigmoid":
                y = torch.sigmoid(a[0])
            elif op == "Add":
                y = a[0] + a[1]
            elif op == "Mul":
                y = a[0] * a[1]
            elif op == "MaxPool":
                assert not any(at.get("pads", [0])), "pads"
                y = F.max_pool2d(a[0], at["kernel_shape"], at["strides"], ceil_mode=bool(at.get("ceil_mode", 0)))
            elif op == "AveragePool":
                assert not any(at.get("pads", [0])), "pads"
                y = F.avg_pool2d(a[0], at["kernel_shape"], at["strides"], ceil_mode=bool(at.get("ceil_mode", 0)),
                                 count_include_pad=bool(at.get("count_include_pad", 0)))
            elif op == "Transpose":
                y = a[0].permute(*at["perm"])
            elif op == "Reshape":
                shape = list(a[1])
                if shape[0] == 1 and a[0].shape[0] != 1:
                    shape[0] = a[0].shape[0]
                y = a[0].reshape(shape)
            elif op == "Shape":
                y = list(a[0].shape)
            elif op == "Gather":
                assert at.get("axis", 0) == 0
                y = a[0][a[1]] if isinstance(a[1], int) else [a[0][j] for j in a[1]]
            elif op == "Unsqueeze":
                assert at["axes"] == [0]
                y = [a[0]]
            elif op == "Slice":
                y = a[0][a[1][0]:a[2][0]]
            elif op == "Concat":
                if isinstance(a[0], list):
                    y = sum(a, [])
                else:
                    y = torch.cat(a, at["axis"])
            elif op == "Resize":
                assert at["mode"] == b"nearest" and at["coordinate_transformation_mode"] == b"asymmetric"
                sizes = a[3] if len(a) > 3 and a[3] else None
                assert sizes is not None, "only Resize with sizes"
                y = F.interpolate(a[0], size=[int(s) for s in sizes[2:]], mode="nearest")
            else:
                raise NotImplementedError(op)
            env[outs[0]] = y
        return [env[o] for o in self.output_names]
