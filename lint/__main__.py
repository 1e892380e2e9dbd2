from lint.cli import copydesk

copydesk()
