;;; eglot-test.el --- switchboard through eglot in Emacs, in batch  -*- lexical-binding: t; -*-

;; Run by run.sh:
;;   emacs --batch -l ../switchboard.el -l eglot-test.el
;; with the environment
;;   SB_SERVER    the switchboard binary
;;   SB_EXPECTED  JSON: {"/abs/file": [[line, column, "error"|"warning"|"note"], ...], ...}
;;                (check's findings of each file; info and hint are flymake notes)
;;   SB_ROOTS     JSON: {"/abs/file": "/abs/project/root/", ...}, the project eglot must serve
;; For each file: open it as a person does (its major mode's hook starts eglot through
;; switchboard.el), wait for the server's diagnostics, and compare flymake's with check's:
;; the same positions (1-based line, column in characters) and kinds. Exits 1 on a mismatch.

;;; Code:

(require 'json)
(require 'eglot)
(require 'flymake)

(defvar sb-test-failures 0)
(defvar sb-test-published nil "URIs the server published diagnostics for.")

(defun sb-test-check (ok what &optional detail)
  "Report WHAT as passed when OK, else failed (with DETAIL)."
  (message "%s: %s%s" (if ok "ok" "FAIL") what (if detail (format " (%s)" detail) ""))
  (unless ok (setq sb-test-failures (1+ sb-test-failures))))

(defun sb-test-env-json (name)
  "The environment variable NAME, parsed as JSON (objects as alists with string keys)."
  (let ((json-object-type 'alist) (json-array-type 'list) (json-key-type 'string))
    (json-read-from-string (or (getenv name) (error "%s is not set" name)))))

(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest args)
              (when (eq method 'textDocument/publishDiagnostics)
                (push (plist-get args :uri) sb-test-published))))

(defun sb-test-wait (pred seconds)
  "Run the event loop until PRED holds or SECONDS pass; PRED's last value."
  (let ((end (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.1))
    v))

(defun sb-test-diagnostics ()
  "Flymake's diagnostics of the current buffer as (line column kind), sorted."
  (sort (mapcar (lambda (d)
                  (save-excursion
                    (goto-char (flymake-diagnostic-beg d))
                    (list (line-number-at-pos)
                          (1+ (- (point) (line-beginning-position)))
                          (substring (symbol-name (flymake-diagnostic-type d))
                                     (if (keywordp (flymake-diagnostic-type d)) 1 0)))))
                (flymake-diagnostics))
        (lambda (a b) (or (< (car a) (car b))
                          (and (= (car a) (car b)) (< (cadr a) (cadr b)))))))

(defun sb-test-kind (k)
  "Flymake's name for a kind: eglot's `eglot-error' etc. to error, warning, note."
  (cond ((string-match-p "error" k) "error")
        ((string-match-p "warning" k) "warning")
        (t "note")))

(setq switchboard-server-command (list (getenv "SB_SERVER") "lsp"))
;; Nothing asks questions in batch.
(setq eglot-autoshutdown t
      eglot-sync-connect 5
      eglot-connect-timeout 30)

(let ((expected (sb-test-env-json "SB_EXPECTED"))
      (roots (sb-test-env-json "SB_ROOTS")))
  (dolist (entry expected)
    (let* ((file (car entry))
           (want (cdr entry))
           (rel (file-relative-name file (cdr (assoc file roots))))
           (uri (eglot--path-to-uri file)))
      (with-current-buffer (find-file-noselect file)
        (message "--- %s (%s)" rel major-mode)
        ;; eglot-ensure connects from the command loop's post-command-hook; batch Emacs has no
        ;; command loop, so run the hook as one command would.
        (run-hooks 'post-command-hook)
        (sb-test-check (sb-test-wait (lambda () (eglot-current-server)) 30)
                       (format "%s: eglot started switchboard" rel))
        (let ((server (eglot-current-server)))
          (when server
            (sb-test-check (equal (file-name-as-directory (expand-file-name (project-root (eglot--project server))))
                                  (cdr (assoc file roots)))
                           (format "%s: the server's project is the ADK project's root" rel)
                           (project-root (eglot--project server)))
            ;; The server publishes a file's diagnostics when they change: a clean file gets
            ;; none, but the other files of its project do.
            (sb-test-check (sb-test-wait
                            (lambda ()
                              (or (member uri sb-test-published)
                                  (and (null want)
                                       (let ((base (eglot--path-to-uri (cdr (assoc file roots)))))
                                         (seq-some (lambda (u) (string-prefix-p base u)) sb-test-published)))))
                            30)
                           (format "%s: the server published %s diagnostics" rel
                                   (if want "its" "its project's")))
            ;; Flymake asks its backends when it starts a check (after a command in a live Emacs).
            (flymake-start)
            (sb-test-wait (lambda () (= (length (sb-test-diagnostics)) (length want))) 15)
            (let ((got (mapcar (lambda (d) (list (nth 0 d) (nth 1 d) (sb-test-kind (nth 2 d))))
                               (sb-test-diagnostics))))
              (sb-test-check (= (length got) (length want))
                             (format "%s: flymake has check's %d finding(s)" rel (length want))
                             (format "%d" (length got)))
              (sb-test-check (equal got want)
                             (format "%s: at check's positions, of check's kinds" rel)
                             (format "%S / want %S" got want)))))))))

(message "%s" (if (= sb-test-failures 0)
                  "emacs-test: all checks passed"
                (format "emacs-test: %d check(s) failed" sb-test-failures)))
(kill-emacs (if (= sb-test-failures 0) 0 1))
;;; eglot-test.el ends here
