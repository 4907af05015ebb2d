complete --keep-order --exclusive --command sts --arguments "(STS_COMPLETE=fish sts -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
