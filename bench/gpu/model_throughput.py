"""Face-model throughput on one GPU (PyTorch) and on the host CPU (ONNX Runtime).

Usage (on a GPU host, from this folder):
    python3 model_throughput.py --models DIR [--out DIR] [--budget-s 420]
DIR holds det_500m.onnx, fr_feature.onnx and optionally scrfd_2.5g.onnx.

Prints one line per measurement and writes results.json and results.md to --out.
GPU: median over repetitions of CUDA-event-timed loops, after warm-up, input
already on the GPU (no host-to-device copy, no pre/post-processing).
'eager' runs the PyTorch graph op by op; 'graph' replays it as a CUDA graph.
"""
import argparse
import json
import os
import platform
import statistics
import time

import numpy as np
import torch

import onnx_torch
import proxies

REC_BATCHES = (1, 8, 32, 128)
DET_BATCHES = (1, 4, 16)
T0 = time.time()
ROWS = []


def log(*a):
    print(*a, flush=True)


def count_macs(model, x):
    """Conv/Linear multiply-adds per image."""
    if isinstance(model, onnx_torch.OnnxModule):
        model.macs = 0
        with torch.no_grad():
            model(x)
        m, model.macs = model.macs, None
        return m / x.shape[0]
    total = [0]

    def hook(mod, inp, out):
        if isinstance(mod, torch.nn.Conv2d):
            total[0] += out.numel() // out.shape[0] * mod.in_channels // mod.groups * mod.kernel_size[0] * mod.kernel_size[1]
        else:
            total[0] += mod.in_features * mod.out_features
    hs = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in hs:
        h.remove()
    return total[0] / x.shape[0]


def time_loop(fn, n_inputs, reps=7, target_ms=40.0):
    """Median ms per call over `reps` event-timed loops of k calls each."""
    for i in range(3):
        fn(i % n_inputs)
    torch.cuda.synchronize()
    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    s.record(); fn(0); e.record(); e.synchronize()
    k = max(3, min(500, int(target_ms / max(s.elapsed_time(e), 1e-3))))
    times = []
    for _ in range(reps):
        s.record()
        for i in range(k):
            fn(i % n_inputs)
        e.record(); e.synchronize()
        times.append(s.elapsed_time(e) / k)
    return statistics.median(times), min(times), max(times), k


def bench_gpu(name, model, shape, batches, precisions=("fp32", "fp16"), modes=("eager", "graph"), budget_s=420):
    dev = torch.device("cuda")
    for prec in precisions:
        dt = torch.float16 if prec == "fp16" else torch.float32
        m = model.to(dev, dt)
        if prec == "fp16":
            m = m.to(memory_format=torch.channels_last)
        for b in batches:
            if time.time() - T0 > budget_s:
                log("SKIP (time budget)", name, prec, b)
                continue
            mf = torch.channels_last if prec == "fp16" else torch.contiguous_format
            xs = [torch.randn(b, *shape, device=dev).to(dt).contiguous(memory_format=mf) for _ in range(3)]
            for mode in modes:
                try:
                    with torch.inference_mode():
                        if mode == "eager":
                            fn = lambda i: m(xs[i])
                        else:
                            static = xs[0].clone()
                            st = torch.cuda.Stream()
                            st.wait_stream(torch.cuda.current_stream())
                            with torch.cuda.stream(st):
                                for _ in range(3):
                                    m(static)
                            torch.cuda.current_stream().wait_stream(st)
                            g = torch.cuda.CUDAGraph()
                            with torch.cuda.graph(g):
                                m(static)
                            fn = lambda i: (static.copy_(xs[i]), g.replay())
                        med, lo, hi, k = time_loop(fn, len(xs))
                    row = dict(kind="gpu", model=name, precision=prec, mode=mode, batch=b, ms_per_batch=round(med, 4),
                               ms_min=round(lo, 4), ms_max=round(hi, 4), iters=k, images_per_s=round(b * 1000 / med, 1))
                    ROWS.append(row)
                    log("GPU %-16s %s %-5s b=%-3d %9.3f ms/batch %10.1f img/s  (min %.3f max %.3f, k=%d)"
                        % (name, prec, mode, b, med, row["images_per_s"], lo, hi, k))
                except Exception as ex:  # keep going: one failure must not lose the run
                    log("FAIL", name, prec, mode, b, repr(ex)[:300])
            del xs
            torch.cuda.empty_cache()
    model.to("cpu", torch.float32)


def check_onnx(name, path, shape):
    """fp32/fp16 PyTorch vs ONNX Runtime CPU on one random input; batch consistency."""
    import onnxruntime as ort
    m = onnx_torch.OnnxModule(path).eval()
    x = np.random.RandomState(0).randn(1, *shape).astype(np.float32)
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    ref = np.concatenate([o.ravel() for o in sess.run(None, {sess.get_inputs()[0].name: x})])
    res = {"model": name}
    with torch.inference_mode():
        for prec, dt in (("fp32", torch.float32), ("fp16", torch.float16)):
            mm = m.to("cuda", dt)
            out = torch.cat([o.float().ravel() for o in mm(torch.from_numpy(x).cuda().to(dt))]).cpu().numpy()
            res["rel_err_" + prec] = float(np.linalg.norm(out - ref) / np.linalg.norm(ref))
        mm = m.to("cuda", torch.float32)
        xb = torch.randn(4, *shape, device="cuda"); xb[0] = torch.from_numpy(x[0]).cuda()
        ob = mm(xb)
        res["batch4_numel_ok"] = all(o.numel() == 4 * r.numel() for o, r in zip(ob, mm(xb[:1])))
        if ob[0].dim() == 2 and ob[0].shape[0] == 4:  # recognizer: row 0 must match batch 1
            res["batch4_row0_rel_err"] = float((ob[0][0] - mm(xb[:1])[0][0]).norm() / mm(xb[:1])[0][0].norm())
        res["gmacs_per_image"] = round(count_macs(mm, torch.from_numpy(x).cuda()) / 1e9, 3)
        if shape[1] == 640:
            res["gmacs_per_image_640x480"] = round(count_macs(mm, torch.randn(1, 3, 480, 640, device="cuda")) / 1e9, 3)
    m.to("cpu")
    log("CHECK", json.dumps(res))
    return m, res


def bench_ort_cpu(name, path, shape, threads=(16, 4), seconds=3.0):
    import onnxruntime as ort
    for t in threads:
        so = ort.SessionOptions()
        so.intra_op_num_threads = t
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        iname = sess.get_inputs()[0].name
        xs = [np.random.RandomState(i).randn(1, *shape).astype(np.float32) for i in range(3)]
        for i in range(5):
            sess.run(None, {iname: xs[i % 3]})
        times, t_end = [], time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < t_end or len(times) < 10:
            a = time.perf_counter(); sess.run(None, {iname: xs[i % 3]}); times.append((time.perf_counter() - a) * 1e3)
            i += 1
        med = statistics.median(times)
        row = dict(kind="cpu_ort", model=name, precision="fp32", mode="ort-cpu-%dthr" % t, batch=1,
                   ms_per_batch=round(med, 3), ms_p10=round(float(np.percentile(times, 10)), 3),
                   ms_p90=round(float(np.percentile(times, 90)), 3), iters=len(times),
                   images_per_s=round(1000 / med, 1))
        ROWS.append(row)
        log("CPU %-16s ORT threads=%-2d b=1 %9.3f ms %8.1f img/s  (p10 %.3f p90 %.3f, n=%d)"
            % (name, t, med, row["images_per_s"], row["ms_p10"], row["ms_p90"], len(times)))


def bench_h2d():
    """Host-to-device copy of a batch of 16 frames at 640x640x3, pinned memory."""
    for dt, label in ((torch.uint8, "uint8"), (torch.float32, "fp32")):
        h = torch.empty(16, 640, 640, 3, dtype=dt).pin_memory()
        d = torch.empty_like(h, device="cuda")
        med, lo, hi, k = time_loop(lambda i: d.copy_(h, non_blocking=True), 1)
        gbs = h.numel() * h.element_size() / med / 1e6
        ROWS.append(dict(kind="h2d", model="frames16x640x640x3", precision=label, mode="pinned", batch=16,
                         ms_per_batch=round(med, 4), images_per_s=round(16000 / med, 1), gb_per_s=round(gbs, 2)))
        log("H2D 16x640x640x3 %-5s %.3f ms  %.1f GB/s  %.0f frames/s" % (label, med, gbs, 16000 / med))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", required=True)
    ap.add_argument("--out", default=".")
    ap.add_argument("--budget-s", type=float, default=420)
    args = ap.parse_args()
    torch.backends.cudnn.benchmark = True
    import onnxruntime as ort
    info = dict(date=time.strftime("%Y-%m-%d %H:%M:%S %Z"), gpu=torch.cuda.get_device_name(0),
                torch=torch.__version__, cuda=torch.version.cuda, cudnn=torch.backends.cudnn.version(),
                cudnn_allow_tf32=torch.backends.cudnn.allow_tf32,
                matmul_allow_tf32=torch.backends.cuda.matmul.allow_tf32, onnxruntime=ort.__version__,
                ort_providers=ort.get_available_providers(), cpu=platform.processor(), cpu_count=os.cpu_count())
    log("INFO", json.dumps(info))
    checks, onnx_models = [], []
    for name, shape in (("det_500m", (3, 640, 640)), ("fr_feature", (3, 112, 112)), ("scrfd_2.5g", (3, 640, 640))):
        p = os.path.join(args.models, name + ".onnx")
        if os.path.exists(p):
            m, r = check_onnx(name, p, shape)
            checks.append(r); onnx_models.append((name, p, shape, m))
    prox = [("iresnet50_proxy", proxies.iresnet50(), (3, 112, 112)),
            ("scrfd_10g_proxy", proxies.scrfd_10g_proxy(), (3, 640, 640))]
    for name, m, shape in prox:
        r = dict(model=name, params_m=round(sum(p.numel() for p in m.parameters()) / 1e6, 2))
        m.cuda()
        r["gmacs_per_image"] = round(count_macs(m, torch.randn(1, *shape, device="cuda")) / 1e9, 3)
        if shape[1] == 640:
            r["gmacs_per_image_640x480"] = round(count_macs(m, torch.randn(1, 3, 480, 640, device="cuda")) / 1e9, 3)
        m.cpu()
        checks.append(r); log("CHECK", json.dumps(r))
    for name, p, shape, m in onnx_models:
        bench_gpu(name, m, shape, DET_BATCHES if shape[1] == 640 else REC_BATCHES, budget_s=args.budget_s)
    for name, p, shape, m in onnx_models:
        bench_ort_cpu(name, p, shape)
    for name, m, shape in prox:
        bench_gpu(name, m, shape, DET_BATCHES if shape[1] == 640 else REC_BATCHES, budget_s=args.budget_s)
    bench_h2d()
    info["elapsed_s"] = round(time.time() - T0, 1)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(dict(info=info, checks=checks, rows=ROWS), f, indent=1)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("| model | where | precision | mode | batch | ms/batch | images/s |\n|---|---|---|---|---|---|---|\n")
        for r in ROWS:
            f.write("| %s | %s | %s | %s | %d | %.3f | %.1f |\n" % (r["model"], r["kind"], r["precision"], r["mode"],
                                                                  r["batch"], r["ms_per_batch"], r["images_per_s"]))
    log(open(os.path.join(args.out, "results.md")).read())
    log("elapsed_s", info["elapsed_s"])


if __name__ == "__main__":
    main()
