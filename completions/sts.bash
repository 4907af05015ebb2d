
_clap_complete_sts() {
    local IFS=$'\013'
    local _CLAP_COMPLETE_INDEX=${COMP_CWORD}
    local _CLAP_COMPLETE_COMP_TYPE=${COMP_TYPE}
    if compopt +o nospace 2> /dev/null; then
        local _CLAP_COMPLETE_SPACE=false
    else
        local _CLAP_COMPLETE_SPACE=true
    fi
    local words=() _sts_line=${COMP_LINE:0:COMP_POINT} _sts_pos=0 _sts_i _sts_gap _sts_piece
    for (( _sts_i = 0; _sts_i <= COMP_CWORD; _sts_i++ )); do
        _sts_piece=${COMP_WORDS[_sts_i]}
        (( _sts_i == COMP_CWORD )) && _sts_piece=$2
        _sts_gap=${_sts_line:_sts_pos}
        [[ -n $_sts_piece ]] && _sts_gap=${_sts_gap%%"$_sts_piece"*}
        if (( _sts_i > 0 )) && [[ -z $_sts_gap ]]; then
            words[${#words[@]}-1]+=$_sts_piece
        else
            words+=("$_sts_piece")
        fi
        (( _sts_pos += ${#_sts_gap} + ${#_sts_piece} ))
    done
    local _sts_had=${words[${#words[@]}-1]}
    _sts_had=${_sts_had:0:${#_sts_had}-${#2}}
    _CLAP_COMPLETE_INDEX=$(( ${#words[@]} - 1 ))
    words+=("${COMP_WORDS[@]:COMP_CWORD+1}")
    COMPREPLY=( $( \
        _CLAP_IFS="$IFS" \
        _CLAP_COMPLETE_INDEX="$_CLAP_COMPLETE_INDEX" \
        _CLAP_COMPLETE_COMP_TYPE="$_CLAP_COMPLETE_COMP_TYPE" \
        _CLAP_COMPLETE_SPACE="$_CLAP_COMPLETE_SPACE" \
        STS_COMPLETE="bash" \
        "sts" -- "${words[@]}" \
    ) )
    if [[ $? != 0 ]]; then
        unset COMPREPLY
        return
    fi
    [[ -n $_sts_had ]] && COMPREPLY=("${COMPREPLY[@]#"$_sts_had"}")
    if [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ "${COMPREPLY-}" =~ [=/:]$ ]]; then
        compopt -o nospace
    fi
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -o nospace -o bashdefault -o nosort -F _clap_complete_sts sts
else
    complete -o nospace -o bashdefault -F _clap_complete_sts sts
fi

