#!/usr/bin/env bash
# Long test videos for the frame sampler, made from the shared face clips with Debian's ffmpeg:
#   long-key2s-<h>p.mp4   H.264, 25 fps, a keyframe every 2 s
#   long-key10s-<h>p.mp4  H.264, 25 fps, a keyframe every 10 s
# both with the moov atom in front (+faststart), so a truncated copy is still readable up to the cut.
# Strangers (facedata/videos/fp_video.mp4 slowed 8x, alternating with its mirror image: the same people on screen
# for ~34 s at a time, as in an interview) with Barack Obama (obama_whcd_hk.mp4, its first 5.0 s) on screen from
# 301.0 s to 306.0 s (the middle of the video when --minutes is under 10). truth.tsv beside them says who is when.
# Idempotent: a video made with the same parameters is kept (a .params file beside it records them).
# x264's superfast preset (B-frames and CABAC as in real files, fast enough for tests): both 480p videos in 56 s
# (81 CPU s) on the 2-core VM while others built, the 1080p ones in several minutes.
#
# Usage: scripts/long-videos.sh OUT_DIR [--height 480|1080] [--minutes 10]
# Face data: $FACEFLEET_FIXTURES/facedata (default ../shared beside the checkout).
set -euo pipefail

usage() { echo "Usage: $0 OUT_DIR [--height 480|1080] [--minutes N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
out="$1"; shift
height=480
minutes=10
while [ $# -gt 0 ]; do
  case "$1" in
    --height) height="${2:?}"; shift 2 ;;
    --minutes) minutes="${2:?}"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$height" =~ ^[0-9]+$ ]] && [ $((height % 2)) -eq 0 ] && [ "$height" -ge 120 ] || {
  echo "long-videos: --height must be an even number of pixels, e.g. 480 or 1080" >&2; exit 2; }
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] || { echo "long-videos: --minutes must be a whole number >= 1" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
facedata="${FACEFLEET_FIXTURES:-$root/../shared}/facedata"
strangers="$facedata/videos/fp_video.mp4"
obama="$facedata/videos/obama_whcd_hk.mp4"
for clip in "$strangers" "$obama"; do
  [ -f "$clip" ] || { echo "long-videos: $clip not found (set FACEFLEET_FIXTURES)" >&2; exit 1; }
done

if ! command -v ffmpeg >/dev/null; then
  echo "long-videos: installing Debian's ffmpeg" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q ffmpeg >&2
fi

mkdir -p "$out"
exec 9>"$out/.lock"
flock 9 # test classes running at once share one generation

fps=25
width=$(( (height * 16 / 9 + 1) / 2 * 2 ))
duration=$((minutes * 60))
if [ "$duration" -ge 600 ]; then obama_start=301; else obama_start=$((duration / 2)); fi
obama_seconds=5
suffix=""; [ "$minutes" -eq 10 ] || suffix="-${minutes}min"
key2s="$out/long-key2s-${height}p${suffix}.mp4"
key10s="$out/long-key10s-${height}p${suffix}.mp4"
truth="$out/truth${suffix}.tsv"
# Anything that changes the pictures or the stream belongs here: a change remakes the videos.
params="v2 ${width}x${height} ${fps}fps ${duration}s obama=${obama_start}+${obama_seconds} x264=superfast/crf23 $(ffmpeg -version | head -1)"

made() { [ -f "$1" ] && [ -f "$1.params" ] && [ "$(cat "$1.params")" = "$params" ]; }

printf 'person\tstart_seconds\tend_seconds\nBarack Obama\t%s.0\t%s.0\n' "$obama_start" "$((obama_start + obama_seconds))" > "$truth"

if made "$key2s" && made "$key10s"; then
  echo "long-videos: $key2s and $key10s are up to date" >&2
  exit 0
fi

work="$(mktemp -d "$out/.work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# 1. The strangers clip and its mirror image, 8.4 s at the source's 25 fps, lossless (a few seconds' work).
ffmpeg -nostdin -v error -y -i "$strangers" -filter_complex \
  "[0:v]scale=${width}:${height},setsar=1,format=yuv420p,split=2[a][b];[b]hflip[m];[a][m]concat=n=2:v=1[v]" \
  -map '[v]' -an -c:v libx264 -preset ultrafast -qp 0 "$work/pair.mkv"

# 2. The long video: strangers until obama_start, Obama for 5.0 s, strangers to the end, exactly $fps fps,
#    frame counts exact (trim by frame), encoded once and written with both keyframe spacings.
before=$((obama_start * fps))
after=$(((duration - obama_start - obama_seconds) * fps))
started=$(date +%s.%N)
ffmpeg -nostdin -v error -y \
  -stream_loop -1 -t "$((obama_start / 8 + 2))" -i "$work/pair.mkv" \
  -i "$obama" \
  -stream_loop -1 -t "$(((duration - obama_start) / 8 + 2))" -ss 4.2 -i "$work/pair.mkv" \
  -filter_complex "\
[0:v]setpts=8*PTS,fps=${fps},trim=end_frame=${before},setpts=PTS-STARTPTS[s1];\
[1:v]trim=duration=${obama_seconds},setpts=PTS-STARTPTS,scale=${width}:${height}:force_original_aspect_ratio=decrease,\
pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p,fps=${fps},trim=end_frame=$((obama_seconds * fps)),setpts=PTS-STARTPTS[o];\
[2:v]setpts=8*PTS,fps=${fps},trim=end_frame=${after},setpts=PTS-STARTPTS[s2];\
[s1][o][s2]concat=n=3:v=1,split=2[k2][k10]" \
  -map '[k2]' -an -c:v libx264 -preset superfast -crf 23 -pix_fmt yuv420p \
    -x264-params keyint=50:min-keyint=50:scenecut=0 -movflags +faststart "$work/key2s.mp4" \
  -map '[k10]' -an -c:v libx264 -preset superfast -crf 23 -pix_fmt yuv420p \
    -x264-params keyint=250:min-keyint=250:scenecut=0 -movflags +faststart "$work/key10s.mp4"
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')

for made_file in key2s:"$key2s" key10s:"$key10s"; do
  name="${made_file%%:*}"; target="${made_file#*:}"
  got=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$work/$name.mp4")
  [ "$got" -eq $((duration * fps)) ] || { echo "long-videos: $name has $got frames, expected $((duration * fps))" >&2; exit 1; }
  mv -f "$work/$name.mp4" "$target"
  echo "$params" > "$target.params"
done
printf 'long-videos: made %s and %s (%d frames each) in %.1f s\n' "$key2s" "$key10s" $((duration * fps)) "$elapsed" >&2
