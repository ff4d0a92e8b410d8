;;; eglot.el --- stackfit.el with eglot 1.9 (Debian)  -*- lexical-binding: t; -*-
;; Run by run.sh. stackfit-eglot-setup gives stackfit the modes whose own
;; server is not installed, keeps the mode's server where it is (eglot runs
;; one per buffer) unless stackfit-eglot-prefer-stackfit, sends the right
;; language id; stackfit-restart reconnects.
(load (expand-file-name "common.el" (getenv "STACKFIT_TESTS")))
(require 'eglot)
(require 'flymake)
(require 'stackfit)
(setq eglot-sync-connect t
      eglot-events-buffer-size 0
      eglot-autoshutdown nil)
(stackfit-eglot-setup)
(stackfit-eglot-setup)                  ; twice: no second entry
(t-check "setup again adds nothing"
         (= (length stackfit-modes) (cl-count-if (lambda (e) (memq (cdr e) stackfit--eglot-contacts)) eglot-server-programs)))
(defvar t-stackfit (expand-file-name "bin/stackfit" t-work))

(find-file (expand-file-name "svc/main.py" t-repo))
(let ((g (eglot--guess-contact)))
  ;; (MANAGED-MODE PROJECT CLASS CONTACT LANG-ID)
  (t-check "python-mode, no pylsp/pyright installed: stackfit" (equal (nth 3 g) (list t-stackfit "lsp")) g)
  (t-check "  language id python" (equal (nth 4 g) "python") g))
;; A mode's own server installed: it keeps the buffer.
(let ((pylsp (expand-file-name "bin/pylsp" t-work)))
  (with-temp-file pylsp (insert "#!/bin/sh\nexit 0\n"))
  (set-file-modes pylsp #o755)
  (let ((g (eglot--guess-contact)))
    (t-check "pylsp installed: eglot keeps pylsp for python-mode"
             (equal (car (nth 3 g)) pylsp) g))
  (let* ((stackfit-eglot-prefer-stackfit t) (g (eglot--guess-contact)))
    (t-check "  stackfit-eglot-prefer-stackfit: stackfit" (equal (nth 3 g) (list t-stackfit "lsp")) g))
  (delete-file pylsp))

(find-file (expand-file-name "src/app.js" t-repo))
(let ((g (eglot--guess-contact)))
  (t-check "js-mode: stackfit, language id javascript (not js)"
           (and (equal (nth 3 g) (list t-stackfit "lsp")) (equal (nth 4 g) "javascript")) g))
(apply #'eglot (eglot--guess-contact))
(defvar t-server (eglot-current-server))
(t-check "eglot connected" (and t-server eglot--managed-mode))
(t-check "app.js: JS101 through flymake"
         (t-wait (lambda () (= (length (flymake-diagnostics)) 1))) (flymake-diagnostics))
(let ((proc (jsonrpc--process t-server)))
  (stackfit-restart)
  (t-check "stackfit-restart: a new server process"
           (t-wait (lambda () (let ((s (eglot-current-server)))
                                (and s (not (eq (jsonrpc--process s) proc))
                                     (process-live-p (jsonrpc--process s))))))))
(flymake-start)
(t-check "  JS101 again"
         (t-wait (lambda () (= (length (flymake-diagnostics)) 1))) (flymake-diagnostics))
(let ((s (eglot-current-server)))
  (setf (eglot--shutdown-requested s) t)
  (jsonrpc-request s :shutdown nil :timeout 3)
  (jsonrpc-notify s :exit nil))
(t-finish)
