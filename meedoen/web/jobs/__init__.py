"""What the background jobs make (issue 21 item 5): letters as PDF, the monitor report, large signal
uploads and simulations started from the web. The jobs run on the queue (meedoen/web/queue); their
results are stored here so a page can say "wordt gemaakt" until they are ready."""
