# Sourced by the interactive zsh that zsh_complete.zsh drives: loads the completion system and
# the script under test, logs every candidate zsh adds to $CAPTURE_FILE, and makes Tab log the
# edited line and an end marker after completing.
# Needs $CAPTURE_FILE and $SCRIPT; with $MODE=fpath the script is installed as `_sts` on $fpath
# (as a user installs it) instead of being sourced.
PS1='<<READY>> '; RPS1=''; PS2=''
unsetopt beep
if [[ $MODE == fpath ]]; then
  mkdir -p $CAPTURE_FILE.fpath && cp $SCRIPT $CAPTURE_FILE.fpath/_sts
  fpath=($CAPTURE_FILE.fpath $fpath)
  autoload -Uz compinit && compinit -u -D
else
  autoload -Uz compinit && compinit -u -D
  source $SCRIPT
fi

# compadd as usual, then again with -O to collect the matches it added. Calls that only ask
# (-O, -A, -D) pass through; -E (description rows), -X and -x (headings) are left out of the
# second call, which would otherwise list them twice.
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"; return
  fi
  builtin compadd "$@"
  local status_of_add=$? arg
  local -a matches query
  while (( $# )); do
    arg=$1; shift
    case $arg in
      (-|--) query+=("$arg" "$@"); break ;;
      (-E<->) ;;
      (-E|-X|-x) shift ;;
      (*) query+=("$arg") ;;
    esac
  done
  builtin compadd -O matches "${query[@]}"
  (( $#matches )) && print -rl -- "${matches[@]}" >> $CAPTURE_FILE
  return $status_of_add
}

tab_and_log() {
  zle expand-or-complete
  print -r -- "__BUFFER__:$BUFFER" >> $CAPTURE_FILE
  print -r -- "__DONE__" >> $CAPTURE_FILE
}
zle -N tab_and_log
bindkey '^I' tab_and_log
print -r -- "__INIT__" >> $CAPTURE_FILE
