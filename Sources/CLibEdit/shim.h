#ifndef PLANSH_CLIBEDIT_SHIM_H
#define PLANSH_CLIBEDIT_SHIM_H
// Fixed-arity wrappers around libedit's variadic calls: Swift cannot call C varargs.
#include <histedit.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <signal.h>
#include <errno.h>

static inline FILE *plansh_stdin(void) { return stdin; }
static inline FILE *plansh_stdout(void) { return stdout; }
static inline FILE *plansh_stderr(void) { return stderr; }

typedef wchar_t *(*plansh_wprompt_fn)(EditLine *);
typedef unsigned char (*plansh_addfn_fn)(EditLine *, int);

static inline int plansh_el_set_wprompt(EditLine *el, plansh_wprompt_fn fn) { return el_wset(el, EL_PROMPT, fn); }
static inline int plansh_el_set_editor(EditLine *el, const wchar_t *mode) { return el_wset(el, EL_EDITOR, mode); }
static inline int plansh_el_set_signal(EditLine *el, int on) { return el_wset(el, EL_SIGNAL, on); }
static inline int plansh_el_set_hist(EditLine *el, HistoryW *h) { return el_wset(el, EL_HIST, history_w, h); }
static inline int plansh_el_set_addfn(EditLine *el, const wchar_t *name, const wchar_t *help, plansh_addfn_fn fn) { return el_wset(el, EL_ADDFN, name, help, fn); }
static inline int plansh_el_set_bind(EditLine *el, const wchar_t *key, const wchar_t *fn) { return el_wset(el, EL_BIND, key, fn, (const wchar_t *)NULL); }
static inline int plansh_el_set_clientdata(EditLine *el, void *data) { return el_wset(el, EL_CLIENTDATA, data); }
static inline void *plansh_el_get_clientdata(EditLine *el) { void *p = NULL; el_wget(el, EL_CLIENTDATA, &p); return p; }
static inline int plansh_history_setsize(HistoryW *h, HistEventW *ev, int n) { return history_w(h, ev, H_SETSIZE, n); }
static inline int plansh_history_setunique(HistoryW *h, HistEventW *ev, int on) { return history_w(h, ev, H_SETUNIQUE, on); }
static inline int plansh_history_enter(HistoryW *h, HistEventW *ev, const wchar_t *line) { return history_w(h, ev, H_ENTER, line); }
static inline int plansh_history_load(HistoryW *h, HistEventW *ev, const char *file) { return history_w(h, ev, H_LOAD, file); }
static inline int plansh_history_save_fp(HistoryW *h, HistEventW *ev, FILE *fp) { return history_w(h, ev, H_SAVE_FP, fp); }

#endif
