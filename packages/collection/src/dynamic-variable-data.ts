/** ISO 639-1 language codes Postman draws `$randomLocale` from (Chromium's UI locale list). */
export const LANGUAGE_CODES: readonly string[] = (
  'af am an ar ast az be bg bh bn br bs ca ceb ckb co cs cy da de el en eo es et eu fa fi fil fo fr ' +
  'fy ga gd gl gn gu ha haw he hi hmn hr ht hu hy ia id ig is it ja jv ka kk km kn ko ku ky la lb ' +
  'ln lo lt lv mg mi mk ml mn mo mr ms mt my nb ne nl nn no ny oc om or pa pl ps pt qu rm ro ru sd ' +
  'sh si sk sl sm sn so sq sr st su sv sw ta te tg th ti tk to tr tt tw ug uk ur uz vi wa xh yi yo ' +
  'zh zu'
).split(' ');

/** Unix-like directories Postman draws `$randomDirectoryPath` and `$randomFilePath` from. */
export const DIRECTORY_PATHS: readonly string[] = (
  '/Applications /bin /boot /boot/defaults /dev /etc /etc/defaults /etc/mail /etc/namedb ' +
  '/etc/periodic /etc/ppp /home /home/user /home/user/dir /lib /Library /lost+found /media /mnt ' +
  '/net /Network /opt /opt/bin /opt/include /opt/lib /opt/sbin /opt/share /private /private/tmp ' +
  '/private/var /proc /rescue /root /sbin /selinux /srv /sys /System /tmp /Users /usr /usr/X11R6 ' +
  '/usr/bin /usr/include /usr/lib /usr/libdata /usr/libexec /usr/local/bin /usr/local/src /usr/obj ' +
  '/usr/ports /usr/sbin /usr/share /usr/src /var /var/log /var/mail /var/spool /var/tmp /var/yp'
).split(' ');
