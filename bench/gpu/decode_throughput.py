"""How fast a many-core host seeks to and decodes the frames a Facefleet job samples (30 per video, each at the
middle of its n-th of the duration), with OpenCV's FFmpeg backend: the CPU work a GPU worker host does per video.

Usage:  OPENCV_FFMPEG_CAPTURE_OPTIONS="threads;1" python3 decode_throughput.py VIDEO_DIR [FRAMES]
Prints seconds per video for one process, then videos per second with 1, 4, 8, ... processes in parallel
(one decoding thread each), up to the host's cores.
"""
import os
import statistics
import sys
import time
from multiprocessing import Pool

import cv2

FRAMES = int(sys.argv[2]) if len(sys.argv) > 2 else 30


def sample(path):
    cap = cv2.VideoCapture(path, cv2.CAP_FFMPEG)
    duration_ms = cap.get(cv2.CAP_PROP_FRAME_COUNT) / cap.get(cv2.CAP_PROP_FPS) * 1000
    got = 0
    for i in range(FRAMES):
        cap.set(cv2.CAP_PROP_POS_MSEC, duration_ms * (i + 0.5) / FRAMES)
        ok, _ = cap.read()
        got += ok
    cap.release()
    return got


def main():
    folder = sys.argv[1]
    videos = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".mp4"))
    cores = os.cpu_count()
    print(f"{cores} cores, OpenCV {cv2.__version__}, {FRAMES} frames a video,"
          f" OPENCV_FFMPEG_CAPTURE_OPTIONS={os.environ.get('OPENCV_FFMPEG_CAPTURE_OPTIONS')}")
    for video in videos:
        cap = cv2.VideoCapture(video, cv2.CAP_FFMPEG)
        size = f"{int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))}x{int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))}"
        cap.release()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            got = sample(video)
            times.append(time.perf_counter() - start)
        print(f"  {os.path.basename(video):28s} {size:>9s} {got:3d} frames  {statistics.median(times):6.3f} s/video"
              " (one process)")
    work = videos * 24
    for processes in sorted({1, 4, 8, cores // 2, cores}):
        with Pool(processes) as pool:
            start = time.perf_counter()
            pool.map(sample, work, chunksize=1)
            elapsed = time.perf_counter() - start
        print(f"  {processes:3d} processes: {len(work)} videos in {elapsed:6.2f} s = {len(work) / elapsed:7.1f} videos/s")


if __name__ == "__main__":
    main()
