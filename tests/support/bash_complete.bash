# What bash's Tab offers for a command line, through a completion script.
# Usage: bash --norc --noprofile bash_complete.bash SCRIPT 'sts get-caller-identity --pro'
# Prints one candidate per line; a line ending in a space completes an empty word. Words are
# split at blanks, and at `:` and `=` as bash's COMP_WORDBREAKS splits them.
set -u
source "$1" || exit 3
line=$2
spec=$(complete -p sts) || { echo "no completion registered for sts" >&2; exit 3; }
function=$(sed -E 's/.* -F ([^ ]+) .*/\1/' <<<"$spec")
read -ra blank_split <<<"$line"
# Then, as bash does, at the characters of COMP_WORDBREAKS that the cases use (`:` and `=`),
# each run of them a word of its own: `file://x` becomes `file` `:` `//x`.
COMP_WORDS=()
for word in "${blank_split[@]}"; do
    while [[ $word =~ ^([^:=]*)([:=]+)(.*)$ ]]; do
        [[ -n ${BASH_REMATCH[1]} ]] && COMP_WORDS+=("${BASH_REMATCH[1]}")
        COMP_WORDS+=("${BASH_REMATCH[2]}")
        word=${BASH_REMATCH[3]}
    done
    [[ -n $word ]] && COMP_WORDS+=("$word")
done
[[ $line == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line
COMP_POINT=${#line}
COMP_TYPE=9
COMP_KEY=9
COMPREPLY=()
# As bash calls it: the command, the word being completed, the word before it. compopt
# complains outside real completion; that is harmless here.
"$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]:-}" 2>/dev/null
(( ${#COMPREPLY[@]} )) && printf '%s\n' "${COMPREPLY[@]}"
exit 0
