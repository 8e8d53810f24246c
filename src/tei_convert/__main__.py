"""``python -m tei_convert``: the same as the ``tei-convert`` command."""

from tei_convert.cli import main

if __name__ == "__main__":
    main()
