"""What make_corpus.py and make_regressions.py share: writing one input file for a fuzz target."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def put(folder, target, name, data):
    """Writes data to tests/fuzz/<folder>/<target>/<name> (folder: corpus or regressions)."""
    d = os.path.join(HERE, folder, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
