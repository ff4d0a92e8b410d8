;;; eglot.el --- end-to-end test of `stackfit lsp' with Emacs + eglot (Debian)
;; Run by eglot.sh, which sets STACKFIT_BIN and E2E_WORK.
;; Reads diagnostics back through flymake, edits the buffer, applies the
;; quick fix through eglot-code-actions, asks for hover through eglot's
;; eldoc backend, and compares the server's text with the buffer.
(require 'package)
;; With -Q Debian's site-start is skipped: point package.el at elpa-*.
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar e2e-bin (getenv "STACKFIT_BIN"))
(defvar e2e-work (file-name-as-directory (getenv "E2E_WORK")))
(defvar e2e-passed 0)
(defvar e2e-failed 0)

(defun e2e-out (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun e2e-check (name ok &optional extra)
  (if ok (progn (cl-incf e2e-passed) (e2e-out "ok   %s" name))
    (cl-incf e2e-failed) (e2e-out "FAIL %s %S" name extra)))
(defun e2e-wait (pred &optional secs)
  "Pump process output until PRED is non-nil or SECS pass."
  (let ((deadline (+ (float-time) (or secs 5))) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    v))
(defun e2e-flush ()
  "eglot sends didChange from an idle timer, which never fires in --batch."
  (eglot--signal-textDocument/didChange))

(setq eglot-server-programs `(((js-mode python-mode) . (,e2e-bin "lsp")))
      eglot-sync-connect t
      eglot-send-changes-idle-time 0.05
      eglot-events-buffer-size 0
      eglot-autoshutdown nil)

(find-file (expand-file-name "src/app.js" e2e-work))
(e2e-check "js-mode" (eq major-mode 'js-mode) major-mode)
(apply #'eglot (eglot--guess-contact))
(defvar e2e-server (eglot-current-server))
(e2e-check "eglot connected (languageId \"js\")" (and e2e-server eglot--managed-mode))

(defun e2e-diags () (flymake-diagnostics))
(defun e2e-col (d)
  (save-excursion (goto-char (flymake-diagnostic-beg d))
                  (- (point) (line-beginning-position))))
(e2e-check "didOpen -> 2 flymake diagnostics"
           (e2e-wait (lambda () (= (length (e2e-diags)) 2))) (e2e-diags))
(let ((d (cl-find-if (lambda (x) (save-excursion (goto-char (flymake-diagnostic-beg x))
                                                 (= (line-number-at-pos) 4)))
                     (e2e-diags))))
  ;; utf-16 column 29 is Emacs character 28 (the emoji is one character)
  (e2e-check "column after emoji and é: character 28" (and d (eql (e2e-col d) 28)) (and d (e2e-col d)))
  (e2e-check "message names the call" (and d (string-match-p "fs.readFileSync" (flymake-diagnostic-text d)))))

;; Typing: a new flagged line at the top of the handler.
(goto-char (point-min)) (forward-line 2)
(insert "  fs.writeFileSync('c', '');\n")
(e2e-flush)
(e2e-check "after inserting a line -> 3 diagnostics"
           (e2e-wait (lambda () (= (length (e2e-diags)) 3))) (e2e-diags))

;; An edit after the multi-byte characters: readFileSync -> readFile.
(goto-char (point-min)) (forward-line 4) (search-forward "Sync(") (delete-char -5) (insert "(")
(e2e-flush)
(e2e-check "after an edit behind the emoji -> 2 diagnostics"
           (e2e-wait (lambda () (= (length (e2e-diags)) 2))) (e2e-diags))

(defun e2e-server-text ()
  (plist-get (jsonrpc-request e2e-server :stackfit/documentText
                              (list :textDocument (eglot--TextDocumentIdentifier)))
             :text))
(e2e-check "server text == buffer text"
           (equal (e2e-server-text) (buffer-substring-no-properties (point-min) (point-max)))
           (e2e-server-text))

;; The suppression, picked from the menu eglot offers when there are
;; several (on this line, in this file). In batch mode eglot 1.9 offers the
;; menu through x-popup-menu (with a `("Eglot code actions:" ("dummy"
;; (TITLE . ACTION)...))' menu).
(defvar e2e-menu nil)
(defun e2e-pick (pattern)
  "Runs eglot's quick fixes on the line, choosing the one matching PATTERN."
  (cl-letf (((symbol-function 'x-popup-menu)
             (lambda (_event menu)
               (let ((items (cdr (cadr menu))))
                 (setq e2e-menu (mapcar #'car items))
                 (cdr (cl-find-if (lambda (it) (string-match-p pattern (car it)))
                                  items))))))
    (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix" t)))
(goto-char (point-min)) (forward-line 2) (search-forward "writeFileSync")
(e2e-pick "on this line")
(e2e-check "the menu offers suppression on the line and in the file"
           (and (member "Suppress JS101 on this line" e2e-menu)
                (member "Suppress every stackfit finding in this file" e2e-menu))
           e2e-menu)
(e2e-check "code action applied: suppression comment in the buffer"
           (save-excursion (goto-char (point-min)) (forward-line 2)
                           (looking-at "  // stackfit: ignore\\[JS101\\]"))
           (buffer-substring (point-min) (point-max)))
(e2e-flush)
(e2e-check "after the code action -> 1 diagnostic"
           (e2e-wait (lambda () (= (length (e2e-diags)) 1))) (e2e-diags))
(e2e-check "server text == buffer text after the code action"
           (equal (e2e-server-text) (buffer-substring-no-properties (point-min) (point-max))))

;; Hover through eglot's eldoc backend.
(defvar e2e-hover nil)
(goto-char (flymake-diagnostic-beg (car (e2e-diags)))) (forward-char 2)
(eglot-hover-eldoc-function (lambda (info &rest _) (setq e2e-hover info)))
(e2e-check "hover: the rule explanation"
           (e2e-wait (lambda () (and e2e-hover (string-match-p "Why is this bad" e2e-hover)))) e2e-hover)

;; Python in the same server.
(find-file (expand-file-name "svc/main.py" e2e-work))
(eglot--maybe-activate-editing-mode)
;; flymake starts its backends from an idle timer too.
(flymake-start)
(e2e-check "python buffer -> PY201"
           (e2e-wait (lambda () (= (length (e2e-diags)) 1))) (e2e-diags))

;; The rule's own quick fix: time.sleep(1) -> await asyncio.sleep(1).
(goto-char (point-min)) (search-forward "time.sleep")
(e2e-pick "asyncio.sleep")
(e2e-check "the rule's quick fix applied: await asyncio.sleep(1)"
           (save-excursion (goto-char (point-min))
                           (search-forward "    await asyncio.sleep(1)" nil t))
           (list e2e-menu (buffer-substring-no-properties (point-min) (point-max))))
(e2e-flush)
(e2e-check "the quick fix clears the finding"
           (e2e-wait (lambda () (= (length (e2e-diags)) 0))) (e2e-diags))

;; shutdown + exit ourselves (eglot-shutdown SIGKILLs the server).
(let ((proc (jsonrpc--process e2e-server)))
  (setf (eglot--shutdown-requested e2e-server) t)
  (jsonrpc-request e2e-server :shutdown nil :timeout 3)
  (jsonrpc-notify e2e-server :exit nil)
  (e2e-wait (lambda () (not (process-live-p proc))) 5)
  (e2e-check "shutdown + exit: status 0"
             (and (not (process-live-p proc)) (eql (process-exit-status proc) 0))
             (list (process-status proc) (process-exit-status proc))))

(e2e-out "%d passed, %d failed" e2e-passed e2e-failed)
(dolist (b (buffer-list)) (with-current-buffer b (set-buffer-modified-p nil)))
(kill-emacs (if (zerop e2e-failed) 0 1))
