#!/usr/bin/env zsh
# What zsh's Tab offers for a command line: a real interactive zsh on a pseudo-terminal
# (zpty), the completion script loaded, the line typed and Tab pressed.
# Usage: zsh -f zsh_complete.zsh SCRIPT 'sts assume-r' [fpath]
# Prints the candidates (each once, in order), then BUFFER:<the line after Tab>. Exit 2 when
# zsh does not answer within 10 seconds.
emulate -L zsh
zmodload zsh/zpty zsh/datetime || exit 3
local here=${0:A:h} capture=$(mktemp) screen= chunk= deadline=$(( EPOCHREALTIME + 10 ))
export CAPTURE_FILE=$capture SCRIPT=${1:A} MODE=${3:-source} TERM=xterm
unset STS_COMPLETE
zpty shell zsh -f -i || exit 3

# Read what the terminal shows until the condition holds or time runs out.
wait_for() {
  while (( EPOCHREALTIME < deadline )); do
    while zpty -rt shell chunk 2>/dev/null; do screen+=$chunk; done
    eval "$1" && return 0
    sleep 0.05
  done
  return 1
}
give_up() { print -u2 "zsh did not answer ($1): $screen"; zpty -d shell; rm -rf $capture $capture.fpath; exit 2 }

zpty -w shell "source $here/zsh_tab.zsh"
wait_for '[[ $(<$capture) == *__INIT__* && $screen == *"<<READY>>"* ]]' || give_up start
zpty -wn shell "$2"$'\t'
wait_for '[[ $(<$capture) == *__DONE__* ]]' || give_up tab
zpty -d shell
local -a lines seen
local buffer= line
lines=("${(@f)$(<$capture)}")
rm -rf $capture $capture.fpath
for line in $lines[$lines[(i)__INIT__]+1,-1]; do
  case $line in
    (__DONE__) ;;
    (__BUFFER__:*) buffer=${line#__BUFFER__:} ;;
    (*) (( $seen[(Ie)$line] )) || seen+=("$line") ;;
  esac
done
(( $#seen )) && print -rl -- "${seen[@]}"
print -r -- "BUFFER:$buffer"
