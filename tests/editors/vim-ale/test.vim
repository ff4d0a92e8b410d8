" Run by run.sh with the documented vimrc: ALE lints with stackfit.
let s:work = $STACKFIT_WORK
let s:out = []
let s:passed = 0
let s:failed = 0
function! s:Check(name, ok, extra) abort
  if a:ok
    let s:passed += 1
    call add(s:out, 'ok   ' . a:name)
  else
    let s:failed += 1
    call add(s:out, 'FAIL ' . a:name . ': ' . string(a:extra))
  endif
endfunction
function! s:Stackfit(buf) abort
  return filter(copy(ale#engine#GetLoclist(a:buf)), 'get(v:val, "linter_name", "") is# "stackfit"')
endfunction
function! s:Wait(buf, n) abort
  let l:i = 0
  while len(s:Stackfit(a:buf)) < a:n && l:i < 500
    sleep 20m
    let l:i += 1
  endwhile
  return s:Stackfit(a:buf)
endfunction

call s:Check('the snippet loaded ALE (packadd! ale)', exists(':ALELint') == 2, '')
call s:Check('stackfit is a Python linter', index(map(ale#linter#Get('python'), 'v:val.name'), 'stackfit') >= 0,
\ map(ale#linter#Get('python'), 'v:val.name'))

" From svc/ (the current folder), the JavaScript file of src/: the root is
" the repository, so the finding through lib/helper.js is there.
execute 'edit ' . fnameescape(s:work . '/repo/src/app.js')
let s:js = bufnr('')
ALELint
let s:l = s:Wait(s:js, 1)
call s:Check('app.js: JS107 at load() (line 3), across files',
\ len(s:l) == 1 && s:l[0].code is# 'JS107' && s:l[0].lnum == 3, s:l)
call s:Check('project root: the repository', StackfitRoot(s:js) is# s:work . '/repo', StackfitRoot(s:js))

execute 'edit ' . fnameescape(s:work . '/repo/svc/main.py')
let s:py = bufnr('')
ALELint
let s:l = s:Wait(s:py, 1)
call s:Check('main.py: PY201 at line 4', len(s:l) == 1 && s:l[0].code is# 'PY201' && s:l[0].lnum == 4, s:l)

" Fixed by hand: the finding goes.
call setline(4, '    await asyncio.sleep(1)')
call append(0, 'import asyncio')
ALELint
let s:i = 0
while len(s:Stackfit(s:py)) > 0 && s:i < 500
  sleep 20m
  let s:i += 1
endwhile
call s:Check('after the edit: no finding', len(s:Stackfit(s:py)) == 0, s:Stackfit(s:py))

call add(s:out, printf('%d passed, %d failed', s:passed, s:failed))
call writefile(s:out, s:work . '/result.txt')
call ale#lsp#reset#StopAllLSPs()
qa!
