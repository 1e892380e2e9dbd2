"""`python -m lint`, and the `copydesk` program: the command line in a process of its own."""

import gc

from lint import collector


def copydesk() -> None:
    # Importing the command line builds most of what the process will hold, and it is
    # all kept until exit: the collector is held off while it is built, and what was
    # built is frozen, so that no pass of the run, nor the one at exit, walks it again.
    with collector.paused():
        from lint.cli import main
    gc.freeze()
    main()


if __name__ == "__main__":
    copydesk()
