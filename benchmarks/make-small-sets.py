#!/usr/bin/python3
"""Makes the two many-file benchmark sets from the test corpus (issue "Fast on real folders"):
  tiny/   10,000 crops of 96x64 pixels from the corpus photos, every fifth one a PNG (from the graphics)
  small/  2,000 JPEGs of 640x400, resized crops of the corpus photos
usage: make-small-sets.py CORPUS DEST [--tiny N] [--small N]
Deterministic (a fixed seed), so every run measures the same files."""
import os, random, sys
from PIL import Image

def sources(corpus, sub):
    out = []
    for d, _, fs in os.walk(os.path.join(corpus, sub)):
        out += [os.path.join(d, f) for f in sorted(fs) if f.lower().endswith(('.jpg', '.png'))]
    return sorted(out)

def main():
    corpus, dest = sys.argv[1], sys.argv[2]
    tiny = int(sys.argv[sys.argv.index('--tiny') + 1]) if '--tiny' in sys.argv else 10000
    small = int(sys.argv[sys.argv.index('--small') + 1]) if '--small' in sys.argv else 2000
    rnd = random.Random(42)
    photos = [Image.open(p).convert('RGB') for p in sources(corpus, 'photos')]
    graphics = [Image.open(p).convert('RGBA') for p in sources(corpus, 'graphics')]
    os.makedirs(os.path.join(dest, 'tiny'), exist_ok=True)
    for i in range(tiny):
        png = i % 5 == 4
        src = rnd.choice(graphics if png else photos)
        x, y = rnd.randrange(src.width - 96), rnd.randrange(src.height - 64)
        crop = src.crop((x, y, x + 96, y + 64))
        name = os.path.join(dest, 'tiny', f'{i // 1000:02d}', f'img{i:05d}.' + ('png' if png else 'jpg'))
        os.makedirs(os.path.dirname(name), exist_ok=True)
        crop.save(name, optimize=False) if png else crop.save(name, quality=92)
    os.makedirs(os.path.join(dest, 'small'), exist_ok=True)
    for i in range(small):
        src = rnd.choice(photos)
        w = rnd.randrange(min(src.width, 1280) // 2, min(src.width, 1280))
        h = int(w * 400 / 640)
        if h > src.height: h = src.height; w = int(h * 640 / 400)
        x, y = rnd.randrange(src.width - w + 1), rnd.randrange(src.height - h + 1)
        src.crop((x, y, x + w, y + h)).resize((640, 400), Image.LANCZOS).save(
            os.path.join(dest, 'small', f'photo{i:04d}.jpg'), quality=92)
    print(f'{tiny} tiny and {small} small images in {dest}')

main()
