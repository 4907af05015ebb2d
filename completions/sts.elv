
set edit:completion:arg-completer[sts] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) STS_COMPLETE="elvish" sts -- $@words) | to-lines
}

