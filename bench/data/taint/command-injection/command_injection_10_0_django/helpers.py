import os


def notify(channel):
    os.system("notify-send " + channel)
