#!/bin/bash
# What a GPU host offers for ONNX Runtime's CUDA execution provider.
echo "== date"; date -u
echo "== nvidia-smi"; nvidia-smi
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,power.limit --format=csv
echo "== cpu"; nproc; grep -m1 'model name' /proc/cpuinfo; free -g | head -2
echo "== python / packages"; python3 --version
python3 -m pip list 2>/dev/null | grep -i -E '^(torch|onnx|onnxruntime|numpy|nvidia-)' 
echo "== onnxruntime providers"
python3 -c "import onnxruntime as o; print(o.__version__, o.get_device(), o.get_available_providers())"
SP=$(python3 -c "import site; print(site.getsitepackages()[0])")
echo "== CUDA libraries under $SP/nvidia"
ls "$SP"/nvidia/*/lib/ 2>/dev/null | grep -E 'libcudart|libcublas|libcudnn\.|libcufft\.|libcurand\.|libnvrtc\.' | sort -u
echo "== system ldconfig"; ldconfig -p | grep -E 'libcudart|libcublas\.|libcudnn\.|libcuda\.' | head
echo "== /usr/local/cuda*"; ls -d /usr/local/cuda* 2>/dev/null; ls /usr/local/cuda/lib64 2>/dev/null | grep -E 'libcudart.so|libcublas.so|libcudnn.so' | head
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'cudnn', torch.backends.cudnn.version())"
