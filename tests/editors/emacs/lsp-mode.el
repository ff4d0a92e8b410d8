;;; lsp-mode.el --- stackfit.el with lsp-mode 8 (Debian): an add-on client beside another server  -*- lexical-binding: t; -*-
;; Run by run.sh. A Python buffer gets diagnostics from stackfit and from a
;; stand-in for its main server (other_server.py) at once; stackfit-restart
;; starts a new stackfit server.
(load (expand-file-name "common.el" (getenv "STACKFIT_TESTS")))
(setq lsp-session-file (expand-file-name "lsp-session" t-work)
      lsp-auto-guess-root nil
      lsp-enable-file-watchers nil
      lsp-keep-workspace-alive nil
      lsp-restart 'ignore
      lsp-diagnostics-provider :flymake
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-diagnostics-enable nil
      lsp-lens-enable nil
      lsp-client-packages nil)
(require 'lsp-mode)
(require 'stackfit)
;; The mode's main server (as pyright would be).
(lsp-register-client
 (make-lsp-client :new-connection (lsp-stdio-connection
                                   (list "python3" (expand-file-name "other_server.py" (getenv "STACKFIT_TESTS"))))
                  :major-modes '(python-mode)
                  :server-id 'other))
(lsp-workspace-folders-add (directory-file-name t-repo))

(find-file (expand-file-name "svc/main.py" t-repo))
(lsp)
(defun t-ids ()
  (sort (mapcar (lambda (w) (symbol-name (lsp--client-server-id (lsp--workspace-client w)))) (lsp-workspaces))
        #'string<))
(t-check "two servers in the buffer: other and stackfit (an add-on)"
         (t-wait (lambda () (and (equal (t-ids) '("other" "stackfit"))
                                 (cl-every (lambda (w) (eq (lsp--workspace-status w) 'initialized)) (lsp-workspaces)))))
         (t-ids))
(defun t-sources ()
  (sort (mapcar (lambda (d) (format "%s %s" (lsp:diagnostic-source? d) (or (lsp:diagnostic-code? d) "-")))
                (gethash (lsp--fix-path-casing (buffer-file-name)) (lsp-diagnostics t)))
        #'string<))
(t-check "diagnostics from both: other, stackfit PY201"
         (t-wait (lambda () (equal (t-sources) '("other -" "stackfit PY201")))) (t-sources))
(let* ((ws (stackfit--lsp-workspace))
       (proc (and ws (lsp--workspace-proc ws))))
  (t-check "the stackfit server is stackfit on PATH"
           (and proc (equal (car (process-command proc)) (expand-file-name "bin/stackfit" t-work)))
           (and proc (process-command proc)))
  (stackfit-restart)
  (t-check "stackfit-restart: a new stackfit server"
           (t-wait (lambda () (let ((w (stackfit--lsp-workspace)))
                                (and w (not (eq (lsp--workspace-proc w) proc))
                                     (eq (lsp--workspace-status w) 'initialized))))))
  (t-check "  the old one gone" (t-wait (lambda () (not (process-live-p proc))))))
(t-check "  the other server kept" (member "other" (t-ids)) (t-ids))
(t-check "  diagnostics from both again"
         (t-wait (lambda () (equal (t-sources) '("other -" "stackfit PY201")))) (t-sources))
;; JavaScript: stackfit alone (no other client for js-mode here).
(find-file (expand-file-name "src/app.js" t-repo))
(lsp)
(t-check "app.js: stackfit JS101"
         (t-wait (lambda () (equal (t-sources) '("stackfit JS101")))) (t-sources))
(t-finish)
