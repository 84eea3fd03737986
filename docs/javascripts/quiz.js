/*
 * Check-your-understanding questions (sitekit/render_questions.py renders them). Without this
 * script each answer waits behind its "Show the answer" disclosure. With it: a Check button gives
 * feedback at once in a live region, answers are kept in this browser (localStorage) and a
 * Reset button forgets a chapter's answers. Loaded by overrides/partials/quiz-loader.js (inlined
 * on pages with questions) when the reader comes near the questions.
 */
(function () {
  "use strict";
  var KEY = "docker-explained.quiz";

  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch (error) {
      return {}; // storage blocked or garbled: answers last as long as the page
    }
  }
  var answers = load();
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(answers)); } catch (error) { /* see load() */ }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function setUp(quiz) {
    var chapter = quiz.getAttribute("data-quiz");
    var questions = [].slice.call(quiz.querySelectorAll(".quiz__question"));
    var score = quiz.querySelector(".quiz__score");

    function keyOf(question) { return chapter + "/" + question.getAttribute("data-question"); }
    function inputs(question) { return [].slice.call(question.querySelectorAll(".quiz__choices input")); }

    function showScore(extra) {
      var done = questions.filter(function (q) { var a = answers[keyOf(q)]; return a && a.v === q.getAttribute("data-version"); });
      var right = done.filter(function (q) { return answers[keyOf(q)].ok; }).length;
      score.textContent = (extra ? extra + " " : "") + "You answered " + right + " of " + questions.length +
        " questions correctly" + (done.length > right ? " (" + (done.length - right) + " to try again)." : ".");
    }

    function feedback(question, chosen, announce) {
      var region = question.querySelector(".quiz__feedback");
      var choices = [].slice.call(question.querySelectorAll(".quiz__choice"));
      // The explanations under "Show the answer", not the copies this script put in the feedback.
      var why = [].slice.call(question.querySelectorAll(".quiz__why .quiz__why-text"));
      var right = choices.map(function (c) { return c.hasAttribute("data-correct"); });
      var ok = right.every(function (isRight, index) { return isRight === (chosen.indexOf(index) !== -1); });
      choices.forEach(function (choice, index) {
        choice.classList.remove("quiz__choice--right", "quiz__choice--wrong");
        if (chosen.indexOf(index) !== -1) choice.classList.add(right[index] ? "quiz__choice--right" : "quiz__choice--wrong");
      });
      var content = document.createDocumentFragment();
      var verdict = el("p", "quiz__verdict " + (ok ? "quiz__verdict--right" : "quiz__verdict--wrong"));
      verdict.appendChild(el("strong", "", ok ? "Right." : "Not quite."));
      if (!ok && question.querySelector("input[type=checkbox]")) {
        var missed = right.some(function (isRight, index) { return isRight && chosen.indexOf(index) === -1; });
        if (missed) verdict.appendChild(document.createTextNode(" A right answer is missing."));
      }
      content.appendChild(verdict);
      chosen.forEach(function (index) {
        var line = el("p");
        line.appendChild(el("strong", "", String.fromCharCode(65 + index) + ": "));
        line.appendChild(why[index].cloneNode(true));
        content.appendChild(line);
      });
      var more = question.querySelector(".quiz__answer .quiz__more");
      if (more) content.appendChild(more.cloneNode(true));
      // A live region announces what changes in it: fill it a moment after emptying it, so a
      // second check with the same result is announced again.
      region.textContent = "";
      if (announce) {
        setTimeout(function () { region.appendChild(content); }, 50);
      } else {
        region.appendChild(content);
      }
      return ok;
    }

    questions.forEach(function (question) {
      var button = question.querySelector(".quiz__check");
      var hint = question.querySelector(".quiz__hint");
      button.addEventListener("click", function () {
        var chosen = inputs(question).filter(function (i) { return i.checked; })
          .map(function (i) { return Number(i.value); });
        if (!chosen.length) {
          question.querySelector(".quiz__feedback").textContent = hint ? hint.textContent : "Choose an answer first.";
          return;
        }
        var ok = feedback(question, chosen, true);
        answers[keyOf(question)] = { v: question.getAttribute("data-version"), c: chosen, ok: ok };
        save();
        showScore();
      });
      var stored = answers[keyOf(question)];
      if (stored && stored.v === question.getAttribute("data-version") && Array.isArray(stored.c)) {
        var boxes = inputs(question);
        var chosen = stored.c.filter(function (index) { return boxes[index]; });
        chosen.forEach(function (index) { boxes[index].checked = true; });
        if (chosen.length) feedback(question, chosen, false);
      }
    });

    showScore();
    quiz.querySelector(".quiz__reset").addEventListener("click", function () {
      questions.forEach(function (question) {
        delete answers[keyOf(question)];
        inputs(question).forEach(function (i) { i.checked = false; });
        question.querySelector(".quiz__feedback").textContent = "";
        [].forEach.call(question.querySelectorAll(".quiz__choice"), function (c) {
          c.classList.remove("quiz__choice--right", "quiz__choice--wrong");
        });
      });
      save();
      showScore("Your answers were reset.");
    });
  }

  function start() {
    [].forEach.call(document.querySelectorAll(".quiz[data-quiz]"), function (quiz) {
      if (!quiz.hasAttribute("data-quiz-ready")) {
        quiz.setAttribute("data-quiz-ready", "");
        setUp(quiz);
      }
    });
    // A button pressed before this script arrived (overrides/partials/quiz-loader.js).
    [].forEach.call(document.querySelectorAll(".quiz button[data-quiz-pending]"), function (button) {
      button.removeAttribute("data-quiz-pending");
      button.click();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // With Material's instant loading, pages arrive without a reload.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
