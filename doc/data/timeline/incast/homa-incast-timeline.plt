# Drawn by DownlinkTimeline::WritePlot; the CSV files are DownlinkTimeline::Write's.
set terminal pngcairo size 1280,1060 font ',10'
set output 'homa-incast-timeline.png'
set datafile separator ','
set xrange [0:14.66]
set multiplot layout 4,2 title "The receiver's downlink in an incast of 32 senders, 3 rounds"
set linetype 11 lc rgb '#3b4cc0'
set linetype 12 lc rgb '#6788ee'
set linetype 13 lc rgb '#9abbff'
set linetype 14 lc rgb '#c9d7f0'
set linetype 15 lc rgb '#edd1c2'
set linetype 16 lc rgb '#f7a889'
set linetype 17 lc rgb '#e26952'
set linetype 18 lc rgb '#b40426'
set palette defined (0 '#fde0c5', 0.5 '#f08050', 1 '#7a0403')
set cbrange [0:1]
iv = 20  # interval, us
set title 'homa: messages over time (colour: share of the link)'
set ylabel 'message or connection'
set yrange [-1:96]
unset colorbox
plot 'homa-incast-timeline-homa-shares.csv' every ::1 using (($1+iv/2)/1000):2:(iv/2000):(0.45):4 with boxxyerror lc palette fs solid border notitle
iv = 20  # interval, us
set title 'tcp: messages over time (colour: share of the link)'
set ylabel 'message or connection'
set yrange [-1:96]
set colorbox
plot 'homa-incast-timeline-tcp-shares.csv' every ::1 using (($1+iv/2)/1000):2:(iv/2000):(0.45):4 with boxxyerror lc palette fs solid border notitle
unset colorbox
set key top right maxrows 3 font ',8'
iv = 20
set title 'homa: the port queue by priority level'
set ylabel 'queue (kB)'
set yrange [0:914.102]
plot for [L=7:0:-1] 'homa-incast-timeline-homa-link.csv' every ::1 using (($1+iv)/1000):(sum [k=0:L] column(4+k))/1000 with filledcurves x1 lt 11+L title sprintf('level %d', L), 'homa-incast-timeline-homa-link.csv' every ::1 using (($1+iv)/1000):($12/1000) with steps lc 'black' title 'peak in the interval'
iv = 20
set title 'tcp: the port queue by priority level'
set ylabel 'queue (kB)'
set yrange [0:914.102]
plot for [L=7:0:-1] 'homa-incast-timeline-tcp-link.csv' every ::1 using (($1+iv)/1000):(sum [k=0:L] column(4+k))/1000 with filledcurves x1 lt 11+L title '', 'homa-incast-timeline-tcp-link.csv' every ::1 using (($1+iv)/1000):($12/1000) with steps lc 'black' title 'peak in the interval'
unset y2label
unset y2tics
iv = 20
set title 'homa: messages receiving bytes'
set ylabel 'messages'
set yrange [0:27.6]
plot 'homa-incast-timeline-homa-link.csv' every ::1 using (($1+iv)/1000):3 with steps lc 'black' title 'receiving bytes', 'homa-incast-timeline-homa-link.csv' every ::1 using (($1+iv)/1000):18 with steps lc 'red' dt 2 title 'granted (Homa active)'
iv = 20
set title 'tcp: messages receiving bytes'
set ylabel 'messages'
set yrange [0:27.6]
plot 'homa-incast-timeline-tcp-link.csv' every ::1 using (($1+iv)/1000):3 with steps lc 'black' title 'receiving bytes'
set xlabel 'time (ms)'
iv = 20
set title 'homa: granted, not yet received, against MaxIncoming'
set ylabel 'bytes (kB)'
set yrange [0:184.038]
plot 'homa-incast-timeline-homa-link.csv' every ::1 using (($1+iv)/1000):($16/1000) with steps lc 'black' title 'incoming (peak in the interval)', 'homa-incast-timeline-homa-link.csv' every ::1 using (($1+iv)/1000):($17/1000) with lines lc 'red' dt 2 title 'MaxIncoming'
set multiplot next
unset multiplot
